#include "core/relate/crystal_models.h"
#include "core/util/math_constants.h"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <map>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace hrtem {

namespace {

enum class Centring { P, I, F };

struct Zone {
    const char* label;
    int u, v, w; ///< in the conventional basis (hexagonal [UVTW] converted: u = U - T, v = V - T, w = W)
};

/// An atom of the conventional cell: fractional position and atomic number.
struct CellAtom {
    double x, y, z;
    int Z;
};

struct Model {
    const char* name;
    Centring centring;
    bool hexagonal;
    double a_nm, c_nm; ///< a typical member (Au, W, Co, MgO, CeO2, SrTiO3, graphene), for the simulator
    std::vector<Zone> zones;
    std::vector<CellAtom> atoms; ///< every atom of the conventional cell
};

std::vector<CellAtom> fccSites(int Z, double dx = 0, double dy = 0, double dz = 0)
{
    std::vector<CellAtom> v;
    for (const auto& f : {std::array<double, 3>{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}})
        v.push_back({std::fmod(f[0] + dx, 1.0), std::fmod(f[1] + dy, 1.0), std::fmod(f[2] + dz, 1.0), Z});
    return v;
}

std::vector<CellAtom> join(std::vector<CellAtom> a, const std::vector<CellAtom>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<Model>& models()
{
    static const std::vector<Model> list = {
        {"fcc", Centring::F, false, 0.4078, 0.0, {{"[001]", 0, 0, 1}, {"[110]", 1, 1, 0}, {"[111]", 1, 1, 1}, {"[112]", 1, 1, 2}},
         fccSites(79)},
        {"bcc", Centring::I, false, 0.3165, 0.0, {{"[001]", 0, 0, 1}, {"[110]", 1, 1, 0}, {"[111]", 1, 1, 1}},
         {{0, 0, 0, 74}, {0.5, 0.5, 0.5, 74}}},
        {"hcp", Centring::P, true, 0.2507, 0.4069, {{"[0001]", 0, 0, 1}, {"[11-20]", 1, 1, 0}, {"[10-10]", 2, 1, 0}},
         {{1.0 / 3, 2.0 / 3, 0.25, 27}, {2.0 / 3, 1.0 / 3, 0.75, 27}}},
        {"rock-salt", Centring::F, false, 0.4212, 0.0, {{"[001]", 0, 0, 1}, {"[110]", 1, 1, 0}, {"[111]", 1, 1, 1}},
         join(fccSites(12), fccSites(8, 0.5))},
        {"fluorite", Centring::F, false, 0.5411, 0.0, {{"[001]", 0, 0, 1}, {"[110]", 1, 1, 0}, {"[111]", 1, 1, 1}},
         join(fccSites(58), join(fccSites(8, 0.25, 0.25, 0.25), fccSites(8, 0.75, 0.75, 0.75)))},
        {"perovskite", Centring::P, false, 0.3905, 0.0, {{"[001]", 0, 0, 1}, {"[110]", 1, 1, 0}, {"[111]", 1, 1, 1}},
         {{0, 0, 0, 38}, {0.5, 0.5, 0.5, 22}, {0.5, 0.5, 0, 8}, {0.5, 0, 0.5, 8}, {0, 0.5, 0.5, 8}}},
        {"graphene", Centring::P, true, 0.246, 0.335, {{"[0001]", 0, 0, 1}}, {{1.0 / 3, 2.0 / 3, 0, 6}, {2.0 / 3, 1.0 / 3, 0, 6}}},
    };
    return list;
}

const Model* findModel(const std::string& name)
{
    for (const Model& m : models())
        if (name == m.name)
            return &m;
    return nullptr;
}

bool allowed(Centring c, int h, int k, int l)
{
    switch (c) {
    case Centring::F: return (std::abs(h) % 2 == std::abs(k) % 2) && (std::abs(k) % 2 == std::abs(l) % 2);
    case Centring::I: return (std::abs(h + k + l) % 2) == 0;
    case Centring::P: break;
    }
    return true;
}

Eigen::Matrix3d directBasis(const Model& m, double a, double c)
{
    Eigen::Matrix3d A; // columns: a1, a2, a3 (nm)
    if (m.hexagonal)
        A << a, -0.5 * a, 0, 0, a * std::sqrt(3.0) / 2.0, 0, 0, 0, (c > 0 ? c : 1.633 * a);
    else
        A = a * Eigen::Matrix3d::Identity();
    return A;
}

/// A 2-D reciprocal vector with the integer indices it carries.
struct Indexed {
    Point2 g;
    std::array<int, 3> hkl{0, 0, 0};
};

double length(Point2 p) { return std::sqrt(p.x * p.x + p.y * p.y); }

/// Gauss reduction of a 2-D basis carrying indices, angle at most 90°.
void reduce(Indexed& p, Indexed& q)
{
    auto sub = [](Indexed& x, const Indexed& y, double m) {
        x.g = {x.g.x - m * y.g.x, x.g.y - m * y.g.y};
        for (int i = 0; i < 3; ++i)
            x.hkl[static_cast<std::size_t>(i)] -= static_cast<int>(m) * y.hkl[static_cast<std::size_t>(i)];
    };
    for (int guard = 0; guard < 32; ++guard) {
        if (length(q.g) < length(p.g))
            std::swap(p, q);
        const double m = std::round((p.g.x * q.g.x + p.g.y * q.g.y) / (p.g.x * p.g.x + p.g.y * p.g.y));
        if (m == 0.0)
            break;
        sub(q, p, m);
    }
    if (length(q.g) < length(p.g))
        std::swap(p, q);
    if (p.g.x * q.g.x + p.g.y * q.g.y < 0) {
        q.g = {-q.g.x, -q.g.y};
        for (int& i : q.hkl)
            i = -i;
    }
}

/// The zone's reduced 2-D reciprocal basis (1/nm) with its hkl, in plane coordinates.
struct ZoneCell {
    Indexed g1, g2;
    Eigen::Vector3d e1, e2; ///< the plane's axes (Cartesian), to project atoms
    Eigen::Vector3d z;      ///< unit zone axis
};

ZoneCell zoneCell(const Model& m, const Zone& zone, double a, double c)
{
    const Eigen::Matrix3d A = directBasis(m, a, c);
    const Eigen::Matrix3d B = A.inverse().transpose(); // columns: reciprocal vectors
    ZoneCell cell;
    cell.z = (A * Eigen::Vector3d(zone.u, zone.v, zone.w)).normalized();
    Eigen::Vector3d helper = std::abs(cell.z.z()) < 0.9 ? Eigen::Vector3d(0, 0, 1) : Eigen::Vector3d(1, 0, 0);
    cell.e1 = cell.z.cross(helper).normalized();
    cell.e2 = cell.z.cross(cell.e1);
    std::vector<Indexed> in;
    for (int h = -6; h <= 6; ++h)
        for (int k = -6; k <= 6; ++k)
            for (int l = -6; l <= 6; ++l) {
                if ((h == 0 && k == 0 && l == 0) || h * zone.u + k * zone.v + l * zone.w != 0 || !allowed(m.centring, h, k, l))
                    continue;
                const Eigen::Vector3d g = B * Eigen::Vector3d(h, k, l);
                in.push_back({{g.dot(cell.e1), g.dot(cell.e2)}, {h, k, l}});
            }
    std::sort(in.begin(), in.end(), [](const Indexed& x, const Indexed& y) { return length(x.g) < length(y.g); });
    cell.g1 = in.front();
    for (const Indexed& v : in)
        if (std::abs(cell.g1.g.x * v.g.y - cell.g1.g.y * v.g.x) > 1e-6 * length(cell.g1.g) * length(v.g)) {
            cell.g2 = v;
            break;
        }
    reduce(cell.g1, cell.g2);
    return cell;
}

/// Shape of a reduced 2-D basis: length ratio (>= 1) and angle (degrees, <= 90).
struct Shape {
    double ratio = 1, angle = 90;
};

Shape shapeOf(Point2 p, Point2 q)
{
    Shape s;
    s.ratio = length(q) / length(p);
    s.angle = std::acos(std::clamp((p.x * q.x + p.y * q.y) / (length(p) * length(q)), -1.0, 1.0)) * 180.0 / kPi;
    return s;
}

/// The measured lattice's reduced reciprocal basis (1/px), carrying the 2-D indices (h, k, 0).
std::pair<Indexed, Indexed> measuredReciprocal(const CrystalLattice& lattice)
{
    const Point2 a1 = lattice.a1, a2 = lattice.a2;
    const double det = a1.x * a2.y - a1.y * a2.x;
    Indexed b1{{a2.y / det, -a2.x / det}, {1, 0, 0}}, b2{{-a1.y / det, a1.x / det}, {0, 1, 0}};
    reduce(b1, b2);
    return {b1, b2};
}

std::string signedDigits(const std::vector<int>& values)
{
    std::string s;
    for (int v : values)
        s += std::to_string(v);
    return s;
}

/// The family of a cubic reflection: |h| |k| |l| in descending order, "{220}".
std::string cubicFamily(std::array<int, 3> hkl)
{
    std::vector<int> v{std::abs(hkl[0]), std::abs(hkl[1]), std::abs(hkl[2])};
    std::sort(v.rbegin(), v.rend());
    return "{" + signedDigits(v) + "}";
}

/// The family of a hexagonal reflection in Miller-Bravais indices (hk i l), i = -(h + k): of the
/// equivalent orderings, the one with the fewest minus signs, "{11-20}", "{10-10}".
std::string hexagonalFamily(std::array<int, 3> hkl)
{
    std::vector<int> plus{hkl[0], hkl[1], -(hkl[0] + hkl[1])}, minus{-hkl[0], -hkl[1], hkl[0] + hkl[1]};
    std::sort(plus.rbegin(), plus.rend());
    std::sort(minus.rbegin(), minus.rend());
    auto negatives = [](const std::vector<int>& v) { return std::count_if(v.begin(), v.end(), [](int x) { return x < 0; }); };
    std::vector<int> best = negatives(minus) < negatives(plus) || (negatives(minus) == negatives(plus) && minus > plus) ? minus : plus;
    best.push_back(std::abs(hkl[2]));
    return "{" + signedDigits(best) + "}";
}

std::string twoDimensional(int h, int k) { return "(" + std::to_string(h) + std::to_string(k) + ")"; }

/// Coefficients (p, q) of g in the basis (b1, b2), rounded.
std::pair<int, int> integerCoefficients(Point2 g, Point2 b1, Point2 b2)
{
    const double det = b1.x * b2.y - b1.y * b2.x;
    return {static_cast<int>(std::lround((g.x * b2.y - g.y * b2.x) / det)), static_cast<int>(std::lround((b1.x * g.y - b1.y * g.x) / det))};
}

struct Match {
    const Model* model = nullptr;
    const Zone* zone = nullptr;
    ZoneCell cell;
    double shapeMiss = 0.0; ///< relative: ratio miss + angle miss / 45°
    double latticeConstant_nm = 0.0;
    bool sizeFits = true;
    int columns = 0;            ///< visible columns per cell the model has along this axis
    bool columnsMatch = true;   ///< ... and the measured basis has as many
};

std::string describe(const Shape& s)
{
    std::ostringstream o;
    o.precision(3);
    o << "|a2|/|a1| " << s.ratio << ", " << s.angle << "°";
    return o.str();
}

/// The model `m` at lattice constants a, c projected along `z`: its reduced column cell and the
/// columns of one cell with their Z-contrast weights.
ProjectedStructure projectZone(const Model& m, const Zone& z, double a, double c)
{
    const Eigen::Matrix3d A = directBasis(m, a, c);
    const ZoneCell cell = zoneCell(m, z, a, c);
    // Real-space basis of the reciprocal (g1, g2): a_i · g_j = δ_ij; turned so that a1 lies along x.
    const Point2 g1 = cell.g1.g, g2 = cell.g2.g;
    const double det = g1.x * g2.y - g1.y * g2.x;
    const Point2 r1{g2.y / det, -g2.x / det}, r2{-g1.y / det, g1.x / det};
    const double turn = -std::atan2(r1.y, r1.x), cs = std::cos(turn), sn = std::sin(turn);
    auto rotate = [&](Point2 p) { return Point2{cs * p.x - sn * p.y, sn * p.x + cs * p.y}; };
    ProjectedStructure ps;
    ps.zoneAxis = z.label;
    ps.a1 = rotate(r1);
    ps.a2 = rotate(r2);
    // Atoms in a slab a whole number of repeats along the axis thick, over a window of whole
    // 2-D cells: every column is counted the same number of times, so the sums compare.
    const double repeat = (A * Eigen::Vector3d(z.u, z.v, z.w)).norm();
    const int repeats = std::max(1, static_cast<int>(std::ceil(3.0 / repeat)));
    const double slab = repeats * repeat;
    const int window = 2;
    const double reach = slab + 4.0 * window * std::max(length(r1), length(r2));
    const int M = static_cast<int>(std::ceil(reach / std::min(a, c > 0 ? c : a))) + 1;
    std::vector<std::pair<Point2, double>> sites; // fractional (u, v) in [0, 1), summed weight
    for (int i = -M; i <= M; ++i)
        for (int j = -M; j <= M; ++j)
            for (int k = -M; k <= M; ++k)
                for (const CellAtom& atom : m.atoms) {
                    const Eigen::Vector3d r = A * Eigen::Vector3d(i + atom.x, j + atom.y, k + atom.z);
                    const double depth = r.dot(cell.z);
                    if (depth < -1e-9 || depth >= slab - 1e-9)
                        continue;
                    const Point2 p{r.dot(cell.e1), r.dot(cell.e2)};
                    const double u = p.x * g1.x + p.y * g1.y, v = p.x * g2.x + p.y * g2.y; // fractional
                    if (u < -window - 1e-9 || u >= window - 1e-9 || v < -window - 1e-9 || v >= window - 1e-9)
                        continue;
                    const Point2 f{u - std::floor(u + 1e-9), v - std::floor(v + 1e-9)};
                    auto it = std::find_if(sites.begin(), sites.end(), [&](const auto& s) {
                        const double du = std::abs(s.first.x - f.x), dv = std::abs(s.first.y - f.y);
                        return std::min(du, 1 - du) < 1e-6 && std::min(dv, 1 - dv) < 1e-6;
                    });
                    const double weight = std::pow(double(atom.Z), 1.7); // Z-contrast (HAADF)
                    if (it == sites.end())
                        sites.push_back({f, weight});
                    else
                        it->second += weight;
                }
    double heaviest = 0.0;
    for (const auto& s : sites)
        heaviest = std::max(heaviest, s.second);
    for (const auto& s : sites)
        ps.columns.push_back({{s.first.x * ps.a1.x + s.first.y * ps.a2.x, s.first.x * ps.a1.y + s.first.y * ps.a2.y},
                              s.second / heaviest});
    return ps;
}

/// Visible columns (weight >= 0.15 of the heaviest, as Z-contrast shows them) per projected cell,
/// for every model and zone axis, computed once.
int visibleColumns(const Model& m, const Zone& z)
{
    static const std::map<std::pair<const Model*, const Zone*>, int> table = [] {
        std::map<std::pair<const Model*, const Zone*>, int> t;
        for (const Model& model : models())
            for (const Zone& zone : model.zones) {
                const ProjectedStructure ps = projectZone(model, zone, model.a_nm, model.c_nm);
                t[{&model, &zone}] = static_cast<int>(std::count_if(ps.columns.begin(), ps.columns.end(),
                                                                    [](const ProjectedColumn& c) { return c.weight >= 0.15; }));
            }
        return t;
    }();
    const auto it = table.find({&m, &z});
    return it == table.end() ? 0 : it->second;
}

} // namespace

StructureChoice parseStructure(const std::string& text)
{
    StructureChoice c;
    std::vector<std::string> parts;
    std::stringstream in(text);
    for (std::string part; std::getline(in, part, ':');)
        parts.push_back(part);
    if (parts.empty() || parts[0].empty())
        return c;
    c.name = parts[0];
    if (c.name != "auto" && findModel(c.name) == nullptr) {
        std::string names;
        for (const std::string& n : structureNames())
            names += (names.empty() ? "" : ", ") + n;
        throw std::invalid_argument("unknown structure '" + c.name + "' (one of: " + names + ")");
    }
    if (parts.size() > 3 || (c.name == "auto" && parts.size() > 1))
        throw std::invalid_argument("structure '" + text + "': write name[:a_nm[:c_nm]]");
    auto number = [&](const std::string& s) {
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (end == s.c_str() || *end != '\0' || !(v > 0.0) || v > 10.0)
            throw std::invalid_argument("structure '" + text + "': lattice constant '" + s + "' is not a length in nm between 0 and 10");
        return v;
    };
    if (parts.size() > 1)
        c.a_nm = number(parts[1]);
    if (parts.size() > 2) {
        const Model* model = findModel(c.name);
        if (model == nullptr || !model->hexagonal)
            throw std::invalid_argument("structure '" + text + "': only hexagonal structures take a c constant");
        c.c_nm = number(parts[2]);
    }
    return c;
}

std::string structureText(const StructureChoice& choice)
{
    std::ostringstream o;
    o << choice.name;
    if (choice.a_nm > 0)
        o << ':' << choice.a_nm;
    if (choice.c_nm > 0)
        o << ':' << choice.c_nm;
    return o.str();
}

std::vector<std::string> structureNames()
{
    std::vector<std::string> names{"auto"};
    for (const Model& m : models())
        names.emplace_back(m.name);
    return names;
}

LatticeIndexing indexLattice(const CrystalLattice& lattice, const StructureChoice& choice, double pixel_nm)
{
    LatticeIndexing out;
    if (!lattice.valid)
        return out;
    const auto [b1, b2] = measuredReciprocal(lattice);
    const Shape measured = shapeOf(b1.g, b2.g);
    // Tolerances: 3% and 2.5° (scan distortion and calibration skew real images by a percent or
    // two), or three standard errors where the measurement is poorer.
    const double relErr = std::max(lattice.a1Err_px / length(lattice.a1), lattice.a2Err_px / length(lattice.a2));
    const double ratioTolerance = std::max(0.03, 3.0 * relErr), angleTolerance = std::max(2.5, 3.0 * lattice.angleErr_deg);

    std::vector<Match> matches;
    std::vector<std::string> predicted;
    for (const Model& m : models()) {
        if (choice.name != "auto" && choice.name != m.name)
            continue;
        const double a = choice.name == m.name && choice.a_nm > 0 ? choice.a_nm : 1.0;
        const double c = choice.name == m.name && choice.c_nm > 0 ? choice.c_nm : (m.hexagonal ? 1.633 * a : 0.0);
        for (const Zone& z : m.zones) {
            const ZoneCell cell = zoneCell(m, z, a, c);
            const Shape s = shapeOf(cell.g1.g, cell.g2.g);
            const double ratioMiss = std::abs(measured.ratio / s.ratio - 1.0), angleMiss = std::abs(measured.angle - s.angle);
            predicted.push_back(std::string(z.label) + ": " + describe(s));
            if (ratioMiss > ratioTolerance || angleMiss > angleTolerance)
                continue;
            Match match{&m, &z, cell, ratioMiss / ratioTolerance + angleMiss / angleTolerance, 0.0, true, 0, true};
            match.columns = visibleColumns(m, z);
            match.columnsMatch = match.columns == static_cast<int>(lattice.basis.size());
            if (pixel_nm > 0) {
                // The model's reciprocal lengths scale as 1/a: the measured ones (1/nm) give a.
                const double unit = 0.5 * (length(cell.g1.g) / length(b1.g) + length(cell.g2.g) / length(b2.g)) * pixel_nm;
                match.latticeConstant_nm = a * unit;
                match.sizeFits = !(choice.a_nm > 0) || std::abs(match.latticeConstant_nm / choice.a_nm - 1.0) <= 0.05;
            }
            matches.push_back(match);
        }
    }
    std::stable_sort(matches.begin(), matches.end(), [](const Match& x, const Match& y) {
        if (x.sizeFits != y.sizeFits)
            return x.sizeFits;
        if (x.columnsMatch != y.columnsMatch) // a honeycomb is hcp [0001], not fcc [111]
            return x.columnsMatch;
        return x.shapeMiss < y.shapeMiss;
    });

    auto unindexedLabels = [&]() {
        out.planeLabels.clear();
        for (const PlaneSpacing& p : lattice.planes)
            out.planeLabels.push_back(twoDimensional(p.h, p.k));
    };
    const char* type = bravaisTypeName(lattice.type);
    std::ostringstream msg;
    msg.precision(4);
    const Match* chosen = nullptr;
    if (choice.name == "auto") {
        for (const Match& m : matches)
            if (std::string(m.model->name) == "fcc" && std::string(m.zone->label) == "[110]")
                chosen = &m;
        if (chosen == nullptr) {
            unindexedLabels();
            msg << type << " lattice";
            if (!matches.empty()) {
                // The models with as many columns per cell as the image shows (all if none has).
                const bool anyMatch = matches.front().columnsMatch;
                msg << "; its shape " << (anyMatch ? "and columns per cell are" : "is") << " that of";
                std::size_t listed = 0;
                for (const Match& m : matches)
                    if ((m.columnsMatch || !anyMatch) && listed < 6)
                        msg << (listed++ ? ", " : " ") << m.model->name << ' ' << m.zone->label;
                msg << " (choose a structure to index its planes)";
            }
            out.message = msg.str();
            return out;
        }
    } else if (!matches.empty() && matches.front().sizeFits) {
        chosen = &matches.front();
    } else {
        out.fits = false;
        unindexedLabels();
        msg << choice.name << " does not fit the measured " << type << " lattice (" << describe(measured) << ")";
        if (!matches.empty())
            msg << ": its " << matches.front().zone->label << " shape fits but the size gives a = " << matches.front().latticeConstant_nm
                << " nm, not " << choice.a_nm << " nm";
        else {
            msg << "; its zone axes give";
            for (std::size_t k = 0; k < predicted.size(); ++k)
                msg << (k ? "; " : " ") << predicted[k];
        }
        out.message = msg.str();
        return out;
    }

    // Index: each measured plane's reciprocal vector in the reduced basis (p, q) maps onto the
    // model's p·hkl(g1) + q·hkl(g2).
    const Model& m = *chosen->model;
    out.structure = m.name;
    out.zoneAxis = chosen->zone->label;
    out.latticeConstant_nm = chosen->latticeConstant_nm;
    const double det = lattice.a1.x * lattice.a2.y - lattice.a1.y * lattice.a2.x;
    const Point2 r1{lattice.a2.y / det, -lattice.a2.x / det}, r2{-lattice.a1.y / det, lattice.a1.x / det};
    for (const PlaneSpacing& p : lattice.planes) {
        const Point2 g{p.h * r1.x + p.k * r2.x, p.h * r1.y + p.k * r2.y};
        const auto [pp, qq] = integerCoefficients(g, b1.g, b2.g);
        std::array<int, 3> hkl{};
        for (std::size_t i = 0; i < 3; ++i)
            hkl[i] = pp * chosen->cell.g1.hkl[i] + qq * chosen->cell.g2.hkl[i];
        out.planeLabels.push_back(m.hexagonal ? hexagonalFamily(hkl) : cubicFamily(hkl));
    }
    msg << m.name << ' ' << out.zoneAxis;
    if (out.latticeConstant_nm > 0)
        msg << ", a = " << out.latticeConstant_nm << " nm";
    if (!chosen->columnsMatch)
        msg << " (the model shows " << chosen->columns << " column(s) per cell along it, the image " << lattice.basis.size() << ")";
    if (choice.name == "auto")
        msg << " (assumed from the lattice's shape; bcc [110] projects to the same)";
    out.message = msg.str();
    return out;
}

std::vector<ProjectedStructure> projectedStructures(const StructureChoice& choice)
{
    std::vector<ProjectedStructure> out;
    const Model* m = findModel(choice.name);
    if (m == nullptr)
        return out;
    const double a = choice.a_nm > 0 ? choice.a_nm : m->a_nm, c = choice.c_nm > 0 ? choice.c_nm : m->c_nm;
    for (const Zone& z : m->zones)
        out.push_back(projectZone(*m, z, a, c));
    return out;
}

double planeSpacing_nm(const StructureChoice& choice, const std::string& family)
{
    const Model* m = findModel(choice.name);
    if (m == nullptr || family.size() < 3)
        return 0.0;
    const double a = choice.a_nm > 0 ? choice.a_nm : m->a_nm, c = choice.c_nm > 0 ? choice.c_nm : m->c_nm;
    const Eigen::Matrix3d B = directBasis(*m, a, c).inverse().transpose();
    for (int h = -6; h <= 6; ++h)
        for (int k = -6; k <= 6; ++k)
            for (int l = -6; l <= 6; ++l) {
                if (h == 0 && k == 0 && l == 0)
                    continue;
                const std::array<int, 3> hkl{h, k, l};
                if ((m->hexagonal ? hexagonalFamily(hkl) : cubicFamily(hkl)) == family)
                    return 1.0 / (B * Eigen::Vector3d(h, k, l)).norm();
            }
    return 0.0;
}

} // namespace hrtem
