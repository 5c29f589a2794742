#include "core/sim/crystal.h"

#include <cmath>
#include <limits>

namespace hrtem::sim {

double norm(Vec2 a) { return std::hypot(a.x, a.y); }
Vec2 rotate(Vec2 a, double r) { return {a.x * std::cos(r) - a.y * std::sin(r), a.x * std::sin(r) + a.y * std::cos(r)}; }

Vec2 Fcc110::columnPosition(int p, int q) const { return {p * a / (2.0 * std::sqrt(2.0)), q * a / 2.0}; }
double Fcc110::columnSpacing() const { return a / std::sqrt(2.0); }
double Fcc110::d111() const { return a / std::sqrt(3.0); }
double Fcc110::d200() const { return a / 2.0; }
double Fcc110::nearestNeighbour() const { return std::hypot(a / (2.0 * std::sqrt(2.0)), a / 2.0); }

Vec2 Fcc110::normal111(int which) const
{
    // (1,-1,±1)/√3 projected on u = (1,-1,0)/√2 and v = (0,0,1): (2/√6, ±1/√3), already unit.
    const double nu = 2.0 / std::sqrt(6.0), nv = 1.0 / std::sqrt(3.0);
    return which == 0 ? Vec2{nu, nv} : Vec2{-nu, nv};
}

Vec3 Fcc110::toCubic(Vec2 in)
{
    const double s = 1.0 / std::sqrt(2.0);
    return {in.x * s, -in.x * s, in.y};
}

void Polyhedron::addHalfSpace(Vec3 n, double d)
{
    const double l = std::sqrt(n.x * n.x + n.y * n.y + n.z * n.z);
    mPlanes.push_back({{n.x / l, n.y / l, n.z / l}, d});
}

Polyhedron Polyhedron::wulff(double r111, double r100)
{
    Polyhedron p;
    for (int sx : {-1, 1})
        for (int sy : {-1, 1})
            for (int sz : {-1, 1})
                p.addHalfSpace({double(sx), double(sy), double(sz)}, r111);
    for (int axis = 0; axis < 3; ++axis)
        for (int s : {-1, 1}) {
            Vec3 n;
            (axis == 0 ? n.x : axis == 1 ? n.y : n.z) = s;
            p.addHalfSpace(n, r100);
        }
    return p;
}

std::optional<std::pair<double, double>> Polyhedron::chord(Vec2 point) const
{
    const Vec3 r0 = Fcc110::toCubic(point);
    const double s = 1.0 / std::sqrt(2.0);
    const Vec3 beam{s, s, 0.0};
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    for (const HalfSpace& h : mPlanes) {
        const double nb = h.n.x * beam.x + h.n.y * beam.y + h.n.z * beam.z;
        const double slack = h.d - (h.n.x * r0.x + h.n.y * r0.y + h.n.z * r0.z);
        if (std::abs(nb) < 1e-12) {
            if (slack < 0)
                return std::nullopt; // parallel to the beam and outside
            continue;
        }
        const double t = slack / nb;
        if (nb > 0)
            hi = std::min(hi, t);
        else
            lo = std::max(lo, t);
    }
    if (!(hi > lo))
        return std::nullopt;
    return std::make_pair(lo, hi);
}

} // namespace hrtem::sim
