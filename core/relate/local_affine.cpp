#include "core/relate/local_affine.h"

#include <algorithm>
#include <cmath>

namespace hrtem {

namespace {

inline double len(double x, double y) { return std::sqrt(x * x + y * y); }

} // namespace

LocalAffine fitLocalAffine(const std::vector<Point2>& points, std::size_t i, const std::vector<int>& bonded,
                           const LatticeFit& f)
{
    LocalAffine out;
    const double det = f.a1x * f.a2y - f.a1y * f.a2x;
    const double gate = 0.25 * std::min(len(f.a1x, f.a1y), len(f.a2x, f.a2y));
    double m00 = 0, m01 = 0, m11 = 0;          // Σ r rᵀ
    double n00 = 0, n01 = 0, n10 = 0, n11 = 0; // Σ b rᵀ
    std::vector<Point2> references;
    for (int j : bonded) {
        const double bx = points[static_cast<std::size_t>(j)].x - points[i].x;
        const double by = points[static_cast<std::size_t>(j)].y - points[i].y;
        const double m = std::round((f.a2y * bx - f.a2x * by) / det), k = std::round((-f.a1y * bx + f.a1x * by) / det);
        const double rx = m * f.a1x + k * f.a2x, ry = m * f.a1y + k * f.a2y;
        if ((m == 0 && k == 0) || len(bx - rx, by - ry) > gate)
            continue;
        m00 += rx * rx;
        m01 += rx * ry;
        m11 += ry * ry;
        n00 += bx * rx;
        n01 += bx * ry;
        n10 += by * rx;
        n11 += by * ry;
        out.neighbours.push_back(j);
        references.push_back({rx, ry});
    }
    const double md = m00 * m11 - m01 * m01;
    if (out.neighbours.size() < 2 || md < 0.05 * (m00 + m11) * (m00 + m11))
        return out;
    // F = N M⁻¹
    const double i00 = m11 / md, i01 = -m01 / md, i11 = m00 / md;
    out.f00 = n00 * i00 + n01 * i01;
    out.f01 = n00 * i01 + n01 * i11;
    out.f10 = n10 * i00 + n11 * i01;
    out.f11 = n10 * i01 + n11 * i11;
    for (const Point2& r : references)
        out.weights.push_back({i00 * r.x + i01 * r.y, i01 * r.x + i11 * r.y});
    out.valid = true;
    return out;
}

} // namespace hrtem
