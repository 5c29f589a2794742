#include "core/relate/lattice_fit.h"
#include "core/util/math_constants.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace hrtem {

namespace {

/// |(x, y)|: std::hypot guards against overflow we cannot have here, and costs several times more.
inline double len(double x, double y) { return std::sqrt(x * x + y * y); }

struct Basis {
    double a1x, a1y, a2x, a2y;
    double det() const { return a1x * a2y - a1y * a2x; }
    /// Lattice coordinates of a vector (inverse of [a1 a2]).
    void coords(double x, double y, double& c1, double& c2) const
    {
        const double d = det();
        c1 = (a2y * x - a2x * y) / d;
        c2 = (-a1y * x + a1x * y) / d;
    }
    double shorter() const { return std::min(len(a1x, a1y), len(a2x, a2y)); }
};

bool degenerate(const Basis& b)
{
    const double l1 = len(b.a1x, b.a1y), l2 = len(b.a2x, b.a2y);
    // Nearly parallel vectors (< ~6°) cannot index anything.
    return !(l1 > 0.0) || !(l2 > 0.0) || std::abs(b.det()) < 0.1 * l1 * l2;
}

/// 1. Bond vectors: each is one of ±a1, ±a2, ±(a1+a2), ±(a1-a2). Linear least squares for the
/// basis given the integer labels; twice, as the labels can change once.
Basis basisFromBonds(const std::vector<Point2>& points, const std::vector<int>& bondA, const std::vector<int>& bondB, Basis basis)
{
    for (int pass = 0; pass < 2; ++pass) {
        const double gate = 0.25 * basis.shorter();
        double smm = 0, smn = 0, snn = 0, smx = 0, snx = 0, smy = 0, sny = 0;
        int used = 0;
        for (std::size_t k = 0; k < bondA.size(); ++k) {
            const Point2& p = points[static_cast<std::size_t>(bondA[k])];
            const Point2& q = points[static_cast<std::size_t>(bondB[k])];
            const double bx = q.x - p.x, by = q.y - p.y;
            double c1, c2;
            basis.coords(bx, by, c1, c2);
            const double m = std::round(c1), n = std::round(c2);
            if ((m == 0 && n == 0) || std::abs(m) > 1 || std::abs(n) > 1)
                continue;
            if (len(bx - m * basis.a1x - n * basis.a2x, by - m * basis.a1y - n * basis.a2y) > gate)
                continue;
            smm += m * m;
            smn += m * n;
            snn += n * n;
            smx += m * bx;
            snx += n * bx;
            smy += m * by;
            sny += n * by;
            ++used;
        }
        const double d = smm * snn - smn * smn;
        if (used < 6 || !(std::abs(d) > 1e-9 * std::max(1.0, smm * snn)))
            break;
        Basis next{(snn * smx - smn * snx) / d, (snn * smy - smn * sny) / d, (smm * snx - smn * smx) / d,
                   (smm * sny - smn * smy) / d};
        if (degenerate(next))
            break;
        basis = next;
    }
    return basis;
}

/// The lattice origin: the column nearest the centroid, moved to the mean lattice phase of all
/// columns (circular means of their fractional lattice coordinates), as that seed may be a false
/// detection between sites.
Point2 latticeOrigin(const std::vector<Point2>& points, const std::vector<int>& members, const Basis& basis)
{
    const Point2 seed = centralMember(points, members);
    double ox = seed.x, oy = seed.y;
    {
        double c1c = 0, c1s = 0, c2c = 0, c2s = 0;
        for (int i : members) {
            double c1, c2;
            basis.coords(points[static_cast<std::size_t>(i)].x - ox, points[static_cast<std::size_t>(i)].y - oy, c1, c2);
            c1c += std::cos(2 * kPi * c1);
            c1s += std::sin(2 * kPi * c1);
            c2c += std::cos(2 * kPi * c2);
            c2s += std::sin(2 * kPi * c2);
        }
        const double d1 = std::atan2(c1s, c1c) / (2 * kPi), d2 = std::atan2(c2s, c2c) / (2 * kPi);
        ox += d1 * basis.a1x + d2 * basis.a2x;
        oy += d1 * basis.a1y + d2 * basis.a2y;
    }
    return {ox, oy};
}

} // namespace

Point2 centralMember(const std::vector<Point2>& points, const std::vector<int>& members)
{
    double cx = 0, cy = 0;
    for (int i : members) {
        cx += points[static_cast<std::size_t>(i)].x;
        cy += points[static_cast<std::size_t>(i)].y;
    }
    cx /= double(members.size());
    cy /= double(members.size());
    Point2 best = points[static_cast<std::size_t>(members.front())];
    for (int i : members) {
        const Point2 p = points[static_cast<std::size_t>(i)];
        if (len(p.x - cx, p.y - cy) < len(best.x - cx, best.y - cy))
            best = p;
    }
    return best;
}

LatticeFit fitLattice(const std::vector<Point2>& points, const std::vector<int>& members, const std::vector<int>& bondA,
                      const std::vector<int>& bondB, Point2 a1, Point2 a2)
{
    LatticeFit fit;
    Basis basis{a1.x, a1.y, a2.x, a2.y};
    if (members.size() < 6 || degenerate(basis))
        return fit;

    // 1. The basis from the bond vectors.
    basis = basisFromBonds(points, bondA, bondB, basis);

    // 2. Positions: index every column relative to the origin and fit origin + m·a1 + n·a2.
    //    x and y decouple into two 3x3 normal equations.
    const Point2 origin = latticeOrigin(points, members, basis);
    double ox = origin.x, oy = origin.y;
    double rms = 0.0;
    int used = 0, fitted = 0;
    for (int pass = 0; pass < 3; ++pass) {
        const double gate = 0.25 * basis.shorter();
        Eigen::Matrix3d normal = Eigen::Matrix3d::Zero();
        Eigen::Vector3d rx = Eigen::Vector3d::Zero(), ry = Eigen::Vector3d::Zero();
        used = 0;
        for (int i : members) {
            const Point2& p = points[static_cast<std::size_t>(i)];
            double c1, c2;
            basis.coords(p.x - ox, p.y - oy, c1, c2);
            const double m = std::round(c1), n = std::round(c2);
            const double ex = p.x - ox - m * basis.a1x - n * basis.a2x, ey = p.y - oy - m * basis.a1y - n * basis.a2y;
            if (len(ex, ey) > gate)
                continue;
            const Eigen::Vector3d row(1.0, m, n);
            normal += row * row.transpose();
            rx += row * p.x;
            ry += row * p.y;
            ++used;
        }
        const Eigen::LDLT<Eigen::Matrix3d> solver(normal);
        const Eigen::Vector3d sx = solver.solve(rx), sy = solver.solve(ry);
        const Basis next{sx(1), sy(1), sx(2), sy(2)};
        if (used < 6 || solver.info() != Eigen::Success || !sx.allFinite() || !sy.allFinite() || degenerate(next)) {
            break; // keep the previous pass's result (the bonds' one on the first pass)
        }
        fitted = used;
        basis = next;
        ox = sx(0);
        oy = sy(0);
        // Residuals of this fit, for the report (the last pass's are kept).
        double sum = 0.0;
        int count = 0;
        for (int i : members) {
            const Point2& p = points[static_cast<std::size_t>(i)];
            double c1, c2;
            basis.coords(p.x - ox, p.y - oy, c1, c2);
            const double m = std::round(c1), n = std::round(c2);
            const double e = len(p.x - ox - m * basis.a1x - n * basis.a2x, p.y - oy - m * basis.a1y - n * basis.a2y);
            if (e <= gate) {
                sum += e * e;
                ++count;
            }
        }
        rms = count ? std::sqrt(sum / count) : 0.0;
    }

    fit.valid = true;
    fit.a1x = basis.a1x;
    fit.a1y = basis.a1y;
    fit.a2x = basis.a2x;
    fit.a2y = basis.a2y;
    fit.originX = ox;
    fit.originY = oy;
    const double area = std::abs(basis.det());
    const double l1 = len(basis.a1x, basis.a1y), l2 = len(basis.a2x, basis.a2y);
    const double l12 = len(basis.a1x + basis.a2x, basis.a1y + basis.a2y);
    fit.spacing111_px = 0.5 * (area / l1 + area / l2);
    fit.spacing200_px = l12 > 0 ? area / l12 : 0.0;
    double angle = std::atan2(basis.a1y + basis.a2y, basis.a1x + basis.a2x) * 180.0 / kPi;
    angle = std::fmod(angle + 360.0, 180.0);
    fit.orientation_deg = angle;
    fit.residual_px = rms;
    fit.atoms = fitted > 0 ? fitted : static_cast<int>(members.size());
    return fit;
}

} // namespace hrtem
