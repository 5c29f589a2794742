#pragma once
// Geometry of an fcc crystal seen along [110] (gold: a = 0.4078 nm).
//
// Frames: the crystal frame is 2-D (u, v) in nm with u along [1-10] and v along [001]; the
// beam runs along [110]. An fcc atom a(i,j,k)/2 (i+j+k even) projects to column
// (p, q) = (i-j, k), at u = p·a/(2√2), v = q·a/2, and sits at depth t = (i+j)·a/(2√2).
// Columns exist where p+q is even; atoms along a column are a/√2 apart, at depths with the
// parity of p. Nearest columns: (p±1, q±1) at 0.2497 nm and (p±2, q) at 0.2884 nm.
#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace hrtem::sim {

struct Vec2 {
    double x = 0.0;
    double y = 0.0;
};
inline Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
inline Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
inline Vec2 operator*(double s, Vec2 a) { return {s * a.x, s * a.y}; }
inline double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
double norm(Vec2 a);
Vec2 rotate(Vec2 a, double radians);

struct Vec3 {
    double x = 0.0, y = 0.0, z = 0.0;
};

constexpr double kGoldLattice_nm = 0.4078;

struct Fcc110 {
    double a = kGoldLattice_nm;

    Vec2 columnPosition(int p, int q) const;
    double columnSpacing() const;   ///< a/√2: atoms along a column
    double d111() const;            ///< a/√3 = 0.2355 nm for gold
    double d200() const;            ///< a/2  = 0.2039 nm
    double nearestNeighbour() const; ///< 0.2497 nm: closest columns in projection
    /// In-plane unit normals (crystal frame) of the two {111} planes that contain the beam,
    /// (1-11) and (-111); 109.47° apart, so their fringes cross at 70.53°.
    Vec2 normal111(int which) const;
    /// 3-D direction of a crystal-frame 2-D vector (u along [1-10], v along [001]).
    static Vec3 toCubic(Vec2 inPlane);
};

/// A convex polyhedron as half-spaces n·r <= d (cubic-axis coordinates, nm), used for the
/// particle's Wulff shape: {111} and {100} facets, optionally a flat base (the support contact).
class Polyhedron {
public:
    void addHalfSpace(Vec3 normal, double distance);
    /// Fcc Wulff shape: the eight {111} at r111, the six {100} at r100 (nm from the centre).
    static Polyhedron wulff(double r111, double r100);
    /// Interval of depth t along the [110] beam through crystal-frame point (u, v) that lies
    /// inside; nullopt when the beam misses the polyhedron.
    std::optional<std::pair<double, double>> chord(Vec2 crystalPoint) const;

private:
    struct HalfSpace {
        Vec3 n;
        double d;
    };
    std::vector<HalfSpace> mPlanes;
};

/// Reflection across a line (a {111} plane seen edge-on): unit normal n, offset c (n·r = c).
struct Mirror {
    Vec2 normal;
    double offset = 0.0;
    Vec2 apply(Vec2 r) const { return r - 2.0 * (dot(normal, r) - offset) * normal; }
    double side(Vec2 r) const { return dot(normal, r) - offset; }
};

} // namespace hrtem::sim
