#include "core/locate/localization.h"
#include "core/util/math_constants.h"

#include "core/locate/gaussian_fit.h"
#include "core/locate/lattice_scale.h"
#include "core/locate/symmetry_centre.h"
#include "core/locate/temporal_pool.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hrtem {

namespace {

/// Nearest column distance in units of the strongest fringe period (fcc [110]: 0.2497 / 0.2355).
constexpr double kNearestOverPeriod = 1.06;
/// Least contrast, relative to the median column inside the crystal, of a column in the margin.
constexpr double kMarginContrast = 0.25;
/// Adatoms sit on the surface, one nearest-neighbour spacing out from the outermost columns; the
/// ring searched for them reaches 1.75 spacings beyond the crystal mask.
constexpr double kAdatomRing = 1.75;
/// Least width, relative to the median column's, of a column found under subtracted
/// neighbours (what a subtraction leaves behind is narrower: on the demo such spots have half
/// the columns' width; hidden Ti-O columns in SrTiO3 are as wide as the Sr ones).
constexpr double kHiddenWidth = 0.6;
/// Least contrast, relative to the median column's, of a column found under subtracted
/// neighbours: SrTiO3's Ti-O columns reach 0.58-0.78 of the Sr ones; between the rows of the
/// DM survey image (tests/cli) spots of 0.45 and less turn up where no column is.
constexpr double kHiddenContrast = 0.4;
/// Beyond 3 spacings from the crystal there is only support (and whatever lies on it).
constexpr double kSupportDistance = 3.0;

/// The pixel nearest (x, y), clamped to the image: what a mask or a response map says at a
/// sub-pixel position.
template <class T>
T pixelNear(const cv::Mat& image, double x, double y)
{
    return image.at<T>(std::clamp(static_cast<int>(std::lround(y)), 0, image.rows - 1),
                       std::clamp(static_cast<int>(std::lround(x)), 0, image.cols - 1));
}

bool inMask(const cv::Mat& mask, double x, double y) { return pixelNear<std::uint8_t>(mask, x, y) != 0; }

struct Candidate {
    int x, y;
    double z; ///< response in noise sigmas
};

/// Local maxima of `z` (already oriented so columns are positive) over a disc of radius r,
/// above `floor`, where the mask allows.
std::vector<Candidate> localMaxima(const cv::Mat& z, double r, double floor, const cv::Mat& mask)
{
    const int k = 2 * static_cast<int>(std::ceil(r)) + 1;
    cv::Mat dilated;
    cv::dilate(z, dilated, cv::getStructuringElement(cv::MORPH_ELLIPSE, {k, k}));
    std::vector<Candidate> out;
    for (int y = 1; y < z.rows - 1; ++y)
        for (int x = 1; x < z.cols - 1; ++x) {
            const float v = z.at<float>(y, x);
            if (v > floor && v >= dilated.at<float>(y, x) && (mask.empty() || mask.at<std::uint8_t>(y, x)))
                out.push_back({x, y, v});
        }
    return out;
}

/// Candidates from a column-probability map: one per region above one half, at its
/// probability-weighted centre, where `allowed` allows, with the column response there as its
/// significance. Specks far smaller than the typical region (a fifth of the median area) are
/// the network's hesitation, not columns.
std::vector<Candidate> mapCandidates(const cv::Mat& probability, const cv::Mat& oriented, const cv::Mat& allowed)
{
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(probability > 0.5f, labels, stats, centroids, 8, CV_32S);
    std::vector<double> weight(static_cast<std::size_t>(n), 0.0), sumX(weight), sumY(weight);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            if (const int l = labels.at<int>(y, x); l > 0) {
                const double w = probability.at<float>(y, x);
                weight[l] += w;
                sumX[l] += w * x;
                sumY[l] += w * y;
            }
    std::vector<int> areas;
    for (int l = 1; l < n; ++l)
        areas.push_back(stats.at<int>(l, cv::CC_STAT_AREA));
    if (areas.empty())
        return {};
    std::nth_element(areas.begin(), areas.begin() + areas.size() / 2, areas.end());
    const double leastArea = 0.2 * areas[areas.size() / 2];
    std::vector<Candidate> out;
    for (int l = 1; l < n; ++l) {
        if (stats.at<int>(l, cv::CC_STAT_AREA) < leastArea || !(weight[l] > 0))
            continue;
        const int x = static_cast<int>(std::lround(sumX[l] / weight[l])), y = static_cast<int>(std::lround(sumY[l] / weight[l]));
        if (!allowed.empty() && !inMask(allowed, x, y))
            continue;
        out.push_back({x, y, pixelNear<float>(oriented, x, y)});
    }
    return out;
}

/// A dense grid of buckets over the image for "which points lie within r of here" while points
/// are still being added (the lattice fill and the duplicate check ask this thousands of times
/// per frame; pairwise loops would be quadratic in the ~1000 columns of a large particle).
class Occupancy {
public:
    Occupancy(cv::Size size, double cell)
        : mCell(std::max(1.0, cell)), mCols(static_cast<int>(size.width / mCell) + 1),
          mRows(static_cast<int>(size.height / mCell) + 1), mBuckets(static_cast<std::size_t>(mCols) * mRows)
    {
    }
    void insert(const cv::Point2d& p, int index) { mBuckets[bucket(p)].push_back({p, index}); }
    /// Calls f(index, point) for every inserted point within r of p.
    template <class F>
    void forEachWithin(const cv::Point2d& p, double r, F&& f) const
    {
        const int x0 = clampCol((p.x - r) / mCell), x1 = clampCol((p.x + r) / mCell);
        const int y0 = clampRow((p.y - r) / mCell), y1 = clampRow((p.y + r) / mCell);
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x)
                for (const Entry& e : mBuckets[static_cast<std::size_t>(y) * mCols + x]) {
                    const double dx = e.point.x - p.x, dy = e.point.y - p.y;
                    if (dx * dx + dy * dy < r * r)
                        f(e.index, e.point);
                }
    }
    bool anyWithin(const cv::Point2d& p, double r) const
    {
        bool found = false;
        forEachWithin(p, r, [&](int, const cv::Point2d&) { found = true; });
        return found;
    }

private:
    struct Entry {
        cv::Point2d point;
        int index;
    };
    int clampCol(double c) const { return std::clamp(static_cast<int>(std::floor(c)), 0, mCols - 1); }
    int clampRow(double r) const { return std::clamp(static_cast<int>(std::floor(r)), 0, mRows - 1); }
    std::size_t bucket(const cv::Point2d& p) const
    {
        return static_cast<std::size_t>(clampRow(p.y / mCell)) * mCols + clampCol(p.x / mCell);
    }
    double mCell;
    int mCols, mRows;
    std::vector<std::vector<Entry>> mBuckets;
};


/// The column response: a difference of Gaussians at column scale, in units of its own noise.
/// For white noise of variance v through kernel k, the output variance is v·Σk²; for two
/// unit-area Gaussians Σk² = 1/(4π s1²) + 1/(4π s2²) - 1/(π (s1² + s2²)). s1 spans a whole
/// column image, so a bright core inside a dark ring still reads as dark. `smoothed` is the
/// frame at s1, from which fit starts are read.
struct ColumnResponse {
    cv::Mat z, smoothed;
};

ColumnResponse columnResponse(const cv::Mat& frame, double period, const NoiseModel& noise, const cv::Mat& levels = cv::Mat())
{
    const double s1 = 0.25 * period, s2 = 0.5 * period;
    cv::Mat g1, g2, localMean;
    cv::GaussianBlur(frame, g1, cv::Size(0, 0), s1, 0.0, cv::BORDER_REFLECT);
    cv::GaussianBlur(frame, g2, cv::Size(0, 0), s2, 0.0, cv::BORDER_REFLECT);
    // The local mean only sets the shot-noise level: a box over about two periods is enough
    // and costs O(1) per pixel (a Gaussian of sigma = period needs a 6-period kernel).
    const int box = 2 * static_cast<int>(period) + 1;
    cv::blur(levels.empty() ? frame : levels, localMean, cv::Size(box, box), cv::Point(-1, -1), cv::BORDER_REFLECT);
    const double kernelNorm = std::sqrt(1.0 / (4 * kPi * s1 * s1) + 1.0 / (4 * kPi * s2 * s2) - 1.0 / (kPi * (s1 * s1 + s2 * s2)));
    cv::Mat z(frame.size(), CV_32F);
    for (int y = 0; y < frame.rows; ++y)
        for (int x = 0; x < frame.cols; ++x)
            z.at<float>(y, x) = static_cast<float>((g1.at<float>(y, x) - g2.at<float>(y, x))
                                                   / (std::sqrt(noise.variance(localMean.at<float>(y, x))) * kernelNorm));
    return {z, g1};
}

/// The mean of the stronger half of the maxima of `sign` x z inside `mask`.
double extremaStrength(const cv::Mat& z, int sign, double separation, const cv::Mat& mask)
{
    const cv::Mat oriented = sign > 0 ? z : cv::Mat(-z);
    std::vector<Candidate> c = localMaxima(oriented, separation, 0.0, mask);
    if (c.empty())
        return 0.0;
    std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.z > b.z; });
    double sum = 0.0;
    const std::size_t top = std::max<std::size_t>(1, c.size() / 2);
    for (std::size_t i = 0; i < top; ++i)
        sum += c[i].z;
    return sum / static_cast<double>(top);
}

/// Polarity: columns are whichever extrema are stronger inside the crystal, at the column scale
/// and, with half its weight, at half that scale (strength² x fine strength). Columns are
/// compact, so they stay strong at the finer scale where the broad gaps between them fade: that
/// tells a honeycomb's bright columns (graphene, hcp [0001] in Z-contrast), whose rings answer
/// the column-scale filter more strongly than the columns do (0.78 x), from the rings (fine
/// scale 1.9 x). On every other image here the decision is the column scale's alone.
int columnPolarity(const cv::Mat& z, const cv::Mat& fineZ, double period, const cv::Mat& mask)
{
    auto strength = [&](int sign) {
        const double coarse = extremaStrength(z, sign, 0.35 * period, mask);
        return coarse * coarse * extremaStrength(fineZ, sign, 0.175 * period, mask);
    };
    return strength(1) >= strength(-1) ? 1 : -1;
}

/// The strongest fringe is not always the column spacing: a lattice with a rectangular cell
/// (e.g. rows of columns seen in STEM) shows its row spacing strongest while the columns in a
/// row sit closer. Returns the period the candidates' own spacing implies when it is clearly
/// shorter than `period`, else 0.
double shorterColumnPeriod(const std::vector<Candidate>& candidates, cv::Size size, double period)
{
    if (candidates.size() < 20)
        return 0.0;
    Occupancy grid(size, period);
    for (std::size_t i = 0; i < candidates.size(); ++i)
        grid.insert({double(candidates[i].x), double(candidates[i].y)}, static_cast<int>(i));
    std::vector<double> nearestDistances;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        double best = 2.0 * period;
        const cv::Point2d p(candidates[i].x, candidates[i].y);
        grid.forEachWithin(p, 2.0 * period, [&](int j, const cv::Point2d& q) {
            if (j != static_cast<int>(i))
                best = std::min(best, std::hypot(q.x - p.x, q.y - p.y));
        });
        nearestDistances.push_back(best);
    }
    std::nth_element(nearestDistances.begin(), nearestDistances.begin() + nearestDistances.size() / 2, nearestDistances.end());
    const double columnPeriod = nearestDistances[nearestDistances.size() / 2] / kNearestOverPeriod;
    return columnPeriod > 2.5 && columnPeriod < 0.8 * period ? columnPeriod : 0.0;
}

/// Where the crystal is thick, its columns image with reversed contrast (a bright core in a
/// dark ring where thin parts show dark dots). There, extrema of both signs form lattices: the
/// columns and the gaps between them, 0.5-0.6 spacings apart. Columns are the stronger of the
/// two, so an extremum of the other sign inside the crystal replaces the main-sign candidates
/// around it when it is clearly (1.5x) stronger than all of them.
void preferReversedContrast(std::vector<Candidate>& candidates, const cv::Mat& oriented, const cv::Mat& core, double period,
                            double threshold)
{
    const double spacing = kNearestOverPeriod * period;
    Occupancy primary(oriented.size(), spacing);
    for (std::size_t i = 0; i < candidates.size(); ++i)
        primary.insert({double(candidates[i].x), double(candidates[i].y)}, static_cast<int>(i));
    std::vector<bool> replaced(candidates.size(), false);
    std::vector<Candidate> reversed;
    const cv::Mat reversedMap = -oriented;
    for (const Candidate& c : localMaxima(reversedMap, 0.35 * period, threshold, core)) {
        bool stronger = true;
        std::vector<int> around;
        primary.forEachWithin({double(c.x), double(c.y)}, 0.8 * spacing, [&](int i, const cv::Point2d&) {
            around.push_back(i);
            stronger = stronger && c.z > 1.5 * candidates[static_cast<std::size_t>(i)].z;
        });
        // It must displace something: an other-sign extremum with no candidate around it is a
        // gap of a lattice whose columns are farther apart in one direction (e.g. the rows of a
        // rectangular cell), not a column.
        if (!stronger || around.empty())
            continue;
        for (int i : around)
            replaced[static_cast<std::size_t>(i)] = true;
        reversed.push_back(c);
    }
    std::vector<Candidate> kept;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (!replaced[i])
            kept.push_back(candidates[i]);
    kept.insert(kept.end(), reversed.begin(), reversed.end());
    candidates.swap(kept);
}

/// Starting values of a column fit from its surroundings on the smoothed frame: the centre of
/// point symmetry (robust to columns that image as rings; the fit then refines from there on a
/// short leash), the background from the rim of the window, the main (ring) amplitude from
/// r ≈ 0.2 period, the core from the centre.
class FitStarts {
public:
    FitStarts(const cv::Mat& smoothed, double period) : mSmoothed(smoothed), mCentres(smoothed), mPeriod(period) {}

    static double radiusFor(double period) { return 0.45 * period; }
    double radius() const { return radiusFor(mPeriod); }

    GaussianFitStart at(double x, double y) const
    {
        GaussianFitStart s;
        const SymmetryCentre centre = mCentres.find(x, y, radius(), 0.3 * mPeriod);
        const int cx = std::clamp(static_cast<int>(std::lround(centre.x)), 0, mSmoothed.cols - 1);
        const int cy = std::clamp(static_cast<int>(std::lround(centre.y)), 0, mSmoothed.rows - 1);
        s.x = centre.x;
        s.y = centre.y;
        s.seedX = x;
        s.seedY = y;
        s.sigma = 0.2 * mPeriod;
        s.maxSigma = 0.3 * mPeriod;
        s.radius = radius();
        s.maxShift = 0.15 * mPeriod;
        s.background = ringMean(cx, cy, 0.38 * mPeriod, 0.5 * mPeriod);
        s.amplitude = ringMean(cx, cy, 0.12 * mPeriod, 0.25 * mPeriod) - s.background;
        s.core = mSmoothed.at<float>(cy, cx) - s.background - s.amplitude;
        return s;
    }

private:
    double ringMean(int cx, int cy, double r0, double r1) const
    {
        double sum = 0.0;
        int n = 0;
        const int reach = static_cast<int>(std::ceil(r1));
        const double r02 = r0 * r0, r12 = r1 * r1;
        for (int y = std::max(0, cy - reach); y <= std::min(mSmoothed.rows - 1, cy + reach); ++y) {
            const float* row = mSmoothed.ptr<float>(y);
            for (int x = std::max(0, cx - reach); x <= std::min(mSmoothed.cols - 1, cx + reach); ++x) {
                const double d2 = double(x - cx) * (x - cx) + double(y - cy) * (y - cy);
                if (d2 >= r02 && d2 <= r12) {
                    sum += row[x];
                    ++n;
                }
            }
        }
        return n > 0 ? sum / n : 0.0;
    }

    const cv::Mat& mSmoothed;
    SymmetryCentreSearch mCentres;
    double mPeriod;
};

/// Lattice fill: in a centrosymmetric projection, if q neighbours column p then 2p - q is a
/// lattice site too. Predicted sites with no column yet are tried with weaker evidence
/// (`fillThreshold` in noise sigmas of the oriented response); repeated until nothing new turns
/// up. In vacuum the evidence is absent and nothing is added. Returns the columns added.
int fillLattice(std::vector<GaussianFitStart>& starts, std::vector<double>& significance, const FitStarts& startAt,
                const cv::Mat& oriented, const cv::Mat& mask, double period, double fillThreshold)
{
    const double nearest = kNearestOverPeriod * period;
    const cv::Size size = oriented.size();
    std::vector<cv::Point2d> known;
    Occupancy knownGrid(size, 0.5 * nearest);
    for (const GaussianFitStart& s : starts) {
        knownGrid.insert({s.x, s.y}, static_cast<int>(known.size()));
        known.emplace_back(s.x, s.y);
    }
    int filled = 0;
    std::size_t scanned = 0;
    for (int round = 0; round < 6; ++round) {
        std::vector<cv::Point2d> predicted;
        Occupancy predictedGrid(size, 0.5 * nearest);
        const std::size_t count = known.size();
        for (std::size_t i = 0; i < count; ++i)
            knownGrid.forEachWithin(known[i], 1.3 * nearest, [&](int jIndex, const cv::Point2d& q) {
                const std::size_t j = static_cast<std::size_t>(jIndex);
                if (i == j || j >= count || (i < scanned && j < scanned))
                    return;
                const double dx = known[i].x - q.x, dy = known[i].y - q.y;
                if (dx * dx + dy * dy < 0.64 * nearest * nearest)
                    return;
                const cv::Point2d site = 2.0 * known[i] - q;
                if (site.x < 2 || site.y < 2 || site.x >= size.width - 2 || site.y >= size.height - 2)
                    return;
                if (!mask.empty() && !mask.at<std::uint8_t>(static_cast<int>(site.y), static_cast<int>(site.x)))
                    return;
                if (knownGrid.anyWithin(site, 0.5 * nearest) || predictedGrid.anyWithin(site, 0.5 * nearest))
                    return;
                predictedGrid.insert(site, static_cast<int>(predicted.size()));
                predicted.push_back(site);
            });
        scanned = count;
        int added = 0;
        for (const cv::Point2d& site : predicted) {
            const GaussianFitStart s = startAt.at(site.x, site.y);
            const double evidence = pixelNear<float>(oriented, s.x, s.y);
            if (evidence < fillThreshold)
                continue;
            starts.push_back(s);
            significance.push_back(evidence);
            knownGrid.insert({s.x, s.y}, static_cast<int>(known.size()));
            known.emplace_back(s.x, s.y);
            ++added;
        }
        filled += added;
        if (added == 0)
            break;
    }
    return filled;
}

/// The fits: the first pass on the frame as it is; later passes on the frame minus every other
/// column's fitted model (overlapping neighbours stop pulling each other). Each fit reads only
/// its window, so a pass costs one subtraction of the model, not one per column.
std::vector<GaussianFit> fitColumns(const cv::Mat& frame, const std::vector<GaussianFitStart>& starts, double period,
                                    const NoiseModel& noise, const LocalizationSettings& settings)
{
    const double radius = FitStarts::radiusFor(period), spacing = kNearestOverPeriod * period;
    std::vector<GaussianFit> fits(starts.size());
    // A subtracted model reaches 3.5 of its own widest Gaussian width (beyond, the column's
    // light is below 0.3% of its peak): further costs time and changes nothing.
    auto modelReach = [](const GaussianFit& f) { return 3.5 * std::max(f.sx, f.sy); };
    for (int pass = 0; pass < std::max(1, settings.fitPasses); ++pass) {
        cv::Mat residual = frame.clone();
        if (pass > 0)
            for (const GaussianFit& f : fits)
                if (f.ok)
                    addGaussian(residual, f, -1.0, modelReach(f));
        // Columns of the lattice: a failed fit is started again from its seed only where it
        // has two converged neighbours at about the nearest-neighbour spacing (a surface
        // column does; a spot of the support's texture does not).
        Occupancy converged(frame.size(), spacing);
        if (pass > 0)
            for (std::size_t i = 0; i < fits.size(); ++i)
                if (fits[i].ok)
                    converged.insert({fits[i].x, fits[i].y}, static_cast<int>(i));
        auto inLattice = [&](double x, double y) {
            int neighbours = 0;
            converged.forEachWithin({x, y}, 1.3 * spacing, [&](int, const cv::Point2d& q) {
                if (std::hypot(q.x - x, q.y - y) > 0.7 * spacing)
                    ++neighbours;
            });
            return neighbours >= 2;
        };
        std::vector<GaussianFit> next(starts.size());
        const int reach = static_cast<int>(std::ceil(radius)) + 1;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            GaussianFitStart s = starts[i];
            if (pass > 0 && fits[i].ok) {
                s.x = fits[i].x;
                s.y = fits[i].y;
                s.amplitude = fits[i].amplitude;
                s.core = fits[i].core;
                s.background = fits[i].background;
                s.sigma = 0.5 * (fits[i].sx + fits[i].sy);
                s.maxShift = std::max(0.5, starts[i].maxShift - std::hypot(s.x - starts[i].x, s.y - starts[i].y));
                s.maxIterations = settings.refitIterations;
            } else if (pass > 0 && inLattice(s.seedX, s.seedY)) {
                // The symmetry centre of a column with support on one side (a surface column)
                // leans inward, and the fit from there ran out of leash: start again from
                // where the search saw it, with its neighbours now subtracted.
                s.x = s.seedX;
                s.y = s.seedY;
            }
            // The window, with this column's own model put back.
            const cv::Rect window = cv::Rect(static_cast<int>(std::lround(s.x)) - reach, static_cast<int>(std::lround(s.y)) - reach,
                                             2 * reach + 1, 2 * reach + 1)
                & cv::Rect(0, 0, frame.cols, frame.rows);
            cv::Mat patch = residual(window).clone();
            if (pass > 0 && fits[i].ok) {
                GaussianFit own = fits[i];
                own.x -= window.x;
                own.y -= window.y;
                addGaussian(patch, own, 1.0, modelReach(own));
            }
            GaussianFitStart local = s;
            local.x -= window.x;
            local.y -= window.y;
            GaussianFit f = fitGaussian(patch, local, noise);
            f.x += window.x;
            f.y += window.y;
            next[i] = f;
        }
        fits.swap(next);
    }
    return fits;
}

/// A fit whose position error exceeds this fraction of the lattice period has not pinned its
/// column (two columns in one window, a width running away, too few counts): it says nothing a
/// reader could use about where the column is, so it counts as failed and is not reported
/// (issue 32: 1-sigma errors of 12-19 px at a 12 px spacing were counted as columns).
constexpr double kMaxFitErrorPeriods = 0.3;

void failUnpinnedFits(std::vector<GaussianFit>& fits, double period)
{
    for (GaussianFit& f : fits)
        if (f.ok && std::max(f.errX, f.errY) > kMaxFitErrorPeriods * period)
            f.ok = false;
}

/// At a few counts per pixel one frame's fit of a column found on the pool may not converge
/// (too few counts in its window to pin a width). Such a column is still there: it is placed
/// by a fit on the pooled frames instead, whose error is the pool's, not this frame's.
void refitFailedOnPool(std::vector<GaussianFit>& fits, const std::vector<GaussianFitStart>& starts, const cv::Mat& pool,
                       double period, const NoiseModel& poolNoise, const LocalizationSettings& settings)
{
    std::vector<GaussianFitStart> failed;
    std::vector<std::size_t> where;
    for (std::size_t i = 0; i < fits.size(); ++i)
        if (!fits[i].ok) {
            failed.push_back(starts[i]);
            where.push_back(i);
        }
    if (failed.empty())
        return;
    const std::vector<GaussianFit> again = fitColumns(pool, failed, period, poolNoise, settings);
    for (std::size_t k = 0; k < where.size(); ++k)
        fits[where[k]] = again[k];
}

/// The converged fits as atoms, with their detection strength.
std::vector<Atom> atomsFromFits(const std::vector<GaussianFit>& fits, const std::vector<double>& significance)
{
    std::vector<Atom> atoms;
    for (std::size_t i = 0; i < fits.size(); ++i) {
        const GaussianFit& f = fits[i];
        if (!f.ok)
            continue;
        Atom a;
        a.x = f.x;
        a.y = f.y;
        a.sigmaX = f.sx;
        a.sigmaY = f.sy;
        a.amplitude = f.amplitude;
        a.background = f.background;
        a.errX = a.fitErrX = f.errX;
        a.errY = a.fitErrY = f.errY;
        a.crbX = f.crbX;
        a.crbY = f.crbY;
        a.significance = significance[i];
        atoms.push_back(a);
    }
    return atoms;
}

/// Outside the crystal proper, the support's texture and the fringes that spill from the
/// particle's edge make column-like spots that at high dose pass any noise threshold. Real
/// columns there (surface columns, adatoms of 2-3 atoms) still image at a third or more of the
/// typical column's contrast (simulated: adatoms >= 0.32 of the median at 20 counts/px,
/// >= 0.49 at 200); those spots at well under a quarter. So in the margin, a column must
/// reach a quarter of the median contrast of the columns inside, with the right sign.
void dropWeakMarginColumns(std::vector<Atom>& atoms, const cv::Mat& core, int polarity)
{
    auto inCore = [&](const Atom& a) { return inMask(core, a.x, a.y); };
    std::vector<double> inside;
    for (const Atom& a : atoms)
        if (inCore(a))
            inside.push_back(a.amplitude * polarity);
    if (inside.size() >= 10) {
        std::nth_element(inside.begin(), inside.begin() + inside.size() / 2, inside.end());
        const double floor = kMarginContrast * inside[inside.size() / 2];
        atoms.erase(std::remove_if(atoms.begin(), atoms.end(),
                                   [&](const Atom& a) { return !inCore(a) && a.amplitude * polarity < floor; }),
                    atoms.end());
    }
}

/// Two fits that ended on the same column: keep the more significant. Returned in reading
/// order, ids numbered in that order.
std::vector<Atom> withoutDuplicates(std::vector<Atom> atoms, double period, cv::Size size)
{
    std::sort(atoms.begin(), atoms.end(), [](const Atom& a, const Atom& b) { return a.significance > b.significance; });
    std::vector<Atom> kept;
    const double tooClose = 0.4 * period;
    Occupancy keptGrid(size, tooClose);
    for (const Atom& a : atoms) {
        if (keptGrid.anyWithin({a.x, a.y}, tooClose))
            continue;
        keptGrid.insert({a.x, a.y}, static_cast<int>(kept.size()));
        kept.push_back(a);
    }
    std::sort(kept.begin(), kept.end(), [](const Atom& a, const Atom& b) { return a.y < b.y || (a.y == b.y && a.x < b.x); });
    for (std::size_t i = 0; i < kept.size(); ++i)
        kept[i].id = static_cast<int>(i);
    return kept;
}

/// Where columns are sought, from the crystal mask (`core`): the core itself; a margin of
/// 0.8 period around it where surface columns sit (they must reach a quarter of the median
/// contrast inside, dropWeakMarginColumns); a ring beyond, out to 1.75 nearest-neighbour
/// spacings, where adatoms sit; and the support beyond 3 spacings, whose own maxima say how
/// strong a spot on bare support gets.
struct SearchRegions {
    cv::Mat core, margin, ring, support;
};

SearchRegions searchRegions(const cv::Mat& core, double period)
{
    SearchRegions r;
    r.core = core;
    auto grown = [&](double by) {
        cv::Mat out;
        const int k = 2 * static_cast<int>(std::ceil(by)) + 1;
        cv::dilate(core, out, cv::getStructuringElement(cv::MORPH_ELLIPSE, {k, k}));
        return out;
    };
    const double nearest = kNearestOverPeriod * period;
    r.margin = grown(0.8 * period);
    r.ring = grown(kAdatomRing * nearest);
    r.support = ~grown(kSupportDistance * nearest);
    return r;
}

/// The significance a spot outside the margin must reach: the given threshold, or the 99th
/// percentile of the maxima on bare support when that is higher (the support's own texture,
/// the carbon speckle, sets the bar; with fewer than 20 maxima on support there is no
/// statistic and the ring is not searched).
double ringThreshold(const cv::Mat& oriented, const cv::Mat& support, double period, double threshold)
{
    std::vector<Candidate> onSupport = localMaxima(oriented, 0.35 * period, -1e30, support);
    if (onSupport.size() < 20)
        return 1e30;
    std::vector<double> z;
    for (const Candidate& c : onSupport)
        z.push_back(c.z);
    const std::size_t k = static_cast<std::size_t>(0.99 * static_cast<double>(z.size() - 1));
    std::nth_element(z.begin(), z.begin() + static_cast<std::ptrdiff_t>(k), z.end());
    return std::max(threshold, z[k]);
}

/// With pooled frames, a site is found on the pool but must still hold a column in this frame:
/// an adatom that hopped away leaves its old site in the pool for a few frames. A column whose
/// pooled response is z shows about z / sqrt(N) in one frame (noise sigma 1); a site showing
/// less than half of that by more than 2 sigma is empty in this frame.
void dropSitesEmptyInThisFrame(std::vector<Atom>& atoms, const cv::Mat& ownOriented, int pooledFrames)
{
    const double perFrame = 1.0 / std::sqrt(static_cast<double>(pooledFrames));
    atoms.erase(std::remove_if(atoms.begin(), atoms.end(),
                               [&](const Atom& a) {
                                   const double expected = a.significance * perFrame;
                                   return pixelNear<float>(ownOriented, a.x, a.y) < 0.5 * expected - 2.0;
                               }),
                atoms.end());
}

/// The median (the upper one of an even count); 0 for none.
double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
    return values[values.size() / 2];
}

/// Columns hidden by brighter neighbours: a difference of Gaussians reads a dim column between
/// bright ones (Ti-O between Sr in SrTiO3, a light column beside heavy ones, a surface column
/// on the flank of a thick particle) as the bright ones' surround and gives it little or
/// negative response. Once the columns found are fitted, their models are subtracted and the
/// response of what is left is searched again, inside the crystal, away (0.75 spacing) from
/// every column already found; new columns are fitted on that residual. Returns them.
std::vector<Atom> hiddenColumns(const cv::Mat& frame, const std::vector<GaussianFit>& fits, const std::vector<Atom>& found,
                                const cv::Mat& where, double period, const NoiseModel& noise, int polarity, double threshold,
                                const LocalizationSettings& settings)
{
    cv::Mat residual = frame.clone();
    for (const GaussianFit& f : fits)
        if (f.ok)
            addGaussian(residual, f, -1.0, 3.5 * std::max(f.sx, f.sy));
    // Only the crystal and 3 periods around it (farther than the filters reach, so the response
    // inside is that of the whole frame) are searched. Shot noise follows the counts that were
    // there, not the residual's.
    const int pad = static_cast<int>(std::ceil(3.0 * period));
    const cv::Rect roi = (cv::boundingRect(where) + cv::Size(2 * pad, 2 * pad) - cv::Point(pad, pad))
        & cv::Rect(0, 0, frame.cols, frame.rows);
    if (roi.empty())
        return {};
    const ColumnResponse response = columnResponse(residual(roi), period, noise, frame(roi));
    const cv::Mat oriented = polarity > 0 ? response.z : cv::Mat(-response.z);
    const double spacing = kNearestOverPeriod * period;
    Occupancy foundGrid(frame.size(), spacing);
    for (std::size_t i = 0; i < found.size(); ++i)
        foundGrid.insert({found[i].x, found[i].y}, static_cast<int>(i));
    std::vector<Candidate> candidates;
    for (Candidate c : localMaxima(oriented, 0.35 * period, threshold, where(roi))) {
        c.x += roi.x;
        c.y += roi.y;
        if (!foundGrid.anyWithin({double(c.x), double(c.y)}, 0.75 * spacing))
            candidates.push_back(c);
    }
    if (candidates.empty())
        return {};
    const FitStarts startAt(response.smoothed, period);
    std::vector<GaussianFitStart> starts;
    std::vector<double> significance;
    for (const Candidate& c : candidates) {
        GaussianFitStart start = startAt.at(c.x - roi.x, c.y - roi.y);
        start.x += roi.x;
        start.y += roi.y;
        start.seedX += roi.x;
        start.seedY += roi.y;
        starts.push_back(start);
        significance.push_back(c.z);
    }
    LocalizationSettings once = settings;
    once.fitPasses = 1;
    std::vector<GaussianFit> hidden = fitColumns(residual, starts, period, noise, once);
    failUnpinnedFits(hidden, period);
    std::vector<Atom> atoms = atomsFromFits(hidden, significance);
    // What a subtraction leaves behind (a neighbour's tail the model did not capture, noise
    // shaped by the filter) is narrow and faint; a column hidden by its neighbours is still a
    // column: as wide as the others and at least 0.4 of their contrast.
    std::vector<double> contrast, width;
    for (const Atom& a : found) {
        contrast.push_back(a.amplitude * polarity);
        width.push_back(0.5 * (a.sigmaX + a.sigmaY));
    }
    const double typicalContrast = median(contrast), typicalWidth = median(width);
    atoms.erase(std::remove_if(atoms.begin(), atoms.end(),
                               [&](const Atom& a) {
                                   return a.amplitude * polarity < kHiddenContrast * typicalContrast
                                       || 0.5 * (a.sigmaX + a.sigmaY) < kHiddenWidth * typicalWidth;
                               }),
                atoms.end());
    return atoms;
}

} // namespace

double medianColumnResponse(const cv::Mat& frame, const std::vector<Atom>& columns, double period, const NoiseModel& noise,
                            int polarity)
{
    if (columns.empty() || !(period > 2.0))
        return 0.0;
    const cv::Mat z = columnResponse(frame, period, noise).z;
    std::vector<double> values;
    for (const Atom& a : columns)
        values.push_back(polarity * pixelNear<float>(z, a.x, a.y));
    return median(std::move(values));
}

std::vector<Atom> localizeColumns(const cv::Mat& frame, const LocalizationSettings& settings, LocalizationReport* report,
                                  const NoiseModel* givenNoise, const PooledFrame* pooled, const SegmentationMaps* maps)
{
    CV_Assert(frame.type() == CV_32F);
    LocalizationReport r;
    r.noise = givenNoise != nullptr ? *givenNoise : estimateNoiseModel(frame);
    // Where the crystal and the candidates are comes from the pooled frames when there are
    // several; the fits always read this frame's own counts.
    const bool usePool = pooled != nullptr && pooled->frames > 1 && pooled->mean.size() == frame.size();
    const cv::Mat& detect = usePool ? pooled->mean : frame;
    const NoiseModel detectNoise = usePool ? pooledNoise(r.noise, pooled->frames) : r.noise;
    r.pooledFrames = usePool ? pooled->frames : 1;
    r.period_px = settings.period_px > 0 ? settings.period_px : estimateLatticePeriod(detect).period_px;
    if (report != nullptr)
        *report = r;
    if (!(r.period_px > 2.0))
        return {};
    const double period = r.period_px;
    const bool fromMap = maps != nullptr && !maps->columns.empty();
    const cv::Mat crystal = maps != nullptr && !maps->particle.empty() ? cv::Mat(maps->particle > 0.5f) : crystalMask(detect, period, 0.0);
    const SearchRegions regions = settings.crystalOnly ? searchRegions(crystal, period) : SearchRegions{};
    const cv::Mat& core = regions.core;

    // Candidates: maxima of the column response, oriented so that columns are positive.
    const ColumnResponse response = columnResponse(detect, period, detectNoise);
    using P = LocalizationSettings::Polarity;
    r.polarity = settings.polarity == P::Bright ? 1
                 : settings.polarity == P::Dark   ? -1
                                                  : columnPolarity(response.z, columnResponse(detect, 0.5 * period, detectNoise).z,
                                                                   period, regions.margin);
    const cv::Mat oriented = r.polarity > 0 ? response.z : cv::Mat(-response.z);
    r.threshold = settings.threshold > 0 ? settings.threshold : 3.5;
    r.ringThreshold = core.empty() ? r.threshold : ringThreshold(oriented, regions.support, period, r.threshold);
    std::vector<Candidate> candidates = fromMap ? mapCandidates(maps->columns, oriented, regions.ring)
                                                : localMaxima(oriented, 0.35 * period, r.threshold, regions.ring);
    if (!core.empty())
        candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                        [&](const Candidate& c) {
                                            return !inMask(regions.margin, c.x, c.y) && c.z < r.ringThreshold;
                                        }),
                         candidates.end());
    r.candidates = static_cast<int>(candidates.size());
    // All column-scale lengths follow the period: when the columns found are clearly closer
    // than the period says, start again at their spacing (once).
    if (!settings.periodFromColumns && !fromMap) {
        const double columnPeriod = shorterColumnPeriod(candidates, frame.size(), period);
        if (columnPeriod > 0) {
            LocalizationSettings again = settings;
            again.period_px = columnPeriod;
            again.periodFromColumns = true;
            return localizeColumns(frame, again, report, &r.noise, pooled, maps);
        }
    }
    if (settings.reversedContrast && !core.empty() && !fromMap) {
        preferReversedContrast(candidates, oriented, core, period, r.threshold);
        r.candidates = static_cast<int>(candidates.size());
    }

    // Fit starts for the candidates, then for the lattice sites they imply.
    const FitStarts startAt(response.smoothed, period);
    std::vector<GaussianFitStart> starts;
    for (const Candidate& c : candidates)
        starts.push_back(startAt.at(c.x, c.y));
    std::vector<double> significance;
    for (const Candidate& c : candidates)
        significance.push_back(c.z);
    if (settings.latticeFill && !fromMap)
        r.filled += fillLattice(starts, significance, startAt, oriented, regions.margin, period, settings.fillThreshold);

    std::vector<GaussianFit> fits = fitColumns(frame, starts, period, r.noise, settings);
    failUnpinnedFits(fits, period);
    if (usePool) {
        refitFailedOnPool(fits, starts, detect, period, detectNoise, settings);
        failUnpinnedFits(fits, period);
    }
    if (usePool && !core.empty()) {
        // Pooling raises the support's static texture (carbon speckle, fringes spilling from
        // the edge) in noise sigmas as much as it raises the columns: outside the crystal the
        // noise threshold no longer bounds such spots, the support's own maxima do.
        for (std::size_t i = 0; i < fits.size(); ++i)
            if (fits[i].ok && !inMask(core, fits[i].x, fits[i].y) && significance[i] < r.ringThreshold)
                fits[i].ok = false;
    }
    std::vector<Atom> atoms = atomsFromFits(fits, significance);
    if (settings.hiddenColumns && !core.empty() && !atoms.empty() && !fromMap) {
        const std::vector<Atom> hidden = hiddenColumns(frame, fits, atoms, core, period, r.noise, r.polarity, r.threshold, settings);
        r.hidden = static_cast<int>(hidden.size());
        atoms.insert(atoms.end(), hidden.begin(), hidden.end());
    }
    if (!core.empty() && !atoms.empty() && !fromMap)
        dropWeakMarginColumns(atoms, core, r.polarity);
    if (usePool) {
        const ColumnResponse own = columnResponse(frame, period, r.noise);
        dropSitesEmptyInThisFrame(atoms, r.polarity > 0 ? own.z : cv::Mat(-own.z), pooled->frames);
    }
    std::vector<Atom> kept = withoutDuplicates(std::move(atoms), period, frame.size());
    if (report != nullptr)
        *report = r;
    return kept;
}

} // namespace hrtem
