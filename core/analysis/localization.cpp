#include "core/analysis/localization.h"

#include "core/analysis/gaussian_fit.h"
#include "core/analysis/lattice_scale.h"
#include "core/analysis/symmetry_centre.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hrtem {

namespace {

constexpr double kPi = 3.14159265358979323846;

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

} // namespace

std::vector<Atom> localizeColumns(const cv::Mat& frame, const LocalizationSettings& settings, LocalizationReport* report,
                                  const NoiseModel* givenNoise)
{
    CV_Assert(frame.type() == CV_32F);
    LocalizationReport r;
    r.noise = givenNoise != nullptr ? *givenNoise : estimateNoiseModel(frame);
    r.period_px = settings.period_px > 0 ? settings.period_px : estimateLatticePeriod(frame).period_px;
    if (report != nullptr)
        *report = r;
    if (!(r.period_px > 2.0))
        return {};
    const double period = r.period_px;
    const cv::Mat mask = settings.crystalOnly ? crystalMask(frame, period, 0.8 * period) : cv::Mat();

    // Difference of Gaussians at column scale, in units of its own noise. For white noise of
    // variance v through kernel k, the output variance is v·Σk²; for two unit-area Gaussians
    // Σk² = 1/(4π s1²) + 1/(4π s2²) - 1/(π (s1² + s2²)).
    // s1 spans a whole column image, so a bright core inside a dark ring still reads as dark.
    const double s1 = 0.25 * period, s2 = 0.5 * period;
    cv::Mat g1, g2, localMean;
    cv::GaussianBlur(frame, g1, cv::Size(0, 0), s1, 0.0, cv::BORDER_REFLECT);
    cv::GaussianBlur(frame, g2, cv::Size(0, 0), s2, 0.0, cv::BORDER_REFLECT);
    cv::GaussianBlur(frame, localMean, cv::Size(0, 0), period, 0.0, cv::BORDER_REFLECT);
    const double kernelNorm = std::sqrt(1.0 / (4 * kPi * s1 * s1) + 1.0 / (4 * kPi * s2 * s2) - 1.0 / (kPi * (s1 * s1 + s2 * s2)));
    cv::Mat z(frame.size(), CV_32F);
    for (int y = 0; y < frame.rows; ++y)
        for (int x = 0; x < frame.cols; ++x)
            z.at<float>(y, x) = static_cast<float>((g1.at<float>(y, x) - g2.at<float>(y, x))
                                                   / (std::sqrt(r.noise.variance(localMean.at<float>(y, x))) * kernelNorm));

    // Polarity: columns are whichever extrema are stronger inside the crystal.
    auto strength = [&](int sign) {
        const cv::Mat oriented = sign > 0 ? z : cv::Mat(-z);
        std::vector<Candidate> c = localMaxima(oriented, 0.35 * period, 0.0, mask);
        if (c.empty())
            return 0.0;
        std::sort(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) { return a.z > b.z; });
        double sum = 0.0;
        const std::size_t top = std::max<std::size_t>(1, c.size() / 2);
        for (std::size_t i = 0; i < top; ++i)
            sum += c[i].z;
        return sum / static_cast<double>(top);
    };
    using P = LocalizationSettings::Polarity;
    r.polarity = settings.polarity == P::Bright ? 1 : settings.polarity == P::Dark ? -1 : (strength(1) >= strength(-1) ? 1 : -1);
    const cv::Mat oriented = r.polarity > 0 ? z : cv::Mat(-z);
    r.threshold = settings.threshold > 0 ? settings.threshold : 3.5;
    std::vector<Candidate> candidates = localMaxima(oriented, 0.35 * period, r.threshold, mask);
    r.candidates = static_cast<int>(candidates.size());

    // Starting values from the column's surroundings: background from the rim of the window,
    // the main (ring) amplitude from r ≈ 0.2 period, the core from the centre.
    const double radius = 0.45 * period;
    auto ringMean = [&](int cx, int cy, double r0, double r1) {
        double sum = 0.0;
        int n = 0;
        const int reach = static_cast<int>(std::ceil(r1));
        for (int y = std::max(0, cy - reach); y <= std::min(frame.rows - 1, cy + reach); ++y)
            for (int x = std::max(0, cx - reach); x <= std::min(frame.cols - 1, cx + reach); ++x) {
                const double d = std::hypot(x - cx, y - cy);
                if (d >= r0 && d <= r1) {
                    sum += g1.at<float>(y, x);
                    ++n;
                }
            }
        return n > 0 ? sum / n : 0.0;
    };
    auto startAt = [&](double x, double y) {
        GaussianFitStart s;
        // Start from the centre of symmetry (on the lightly smoothed frame): robust to columns
        // that image as rings; the fit then refines from there on a short leash.
        const SymmetryCentre centre = symmetryCentre(g1, x, y, radius, 0.3 * period);
        const int cx = std::clamp(static_cast<int>(std::lround(centre.x)), 0, frame.cols - 1);
        const int cy = std::clamp(static_cast<int>(std::lround(centre.y)), 0, frame.rows - 1);
        s.x = centre.x;
        s.y = centre.y;
        s.sigma = 0.2 * period;
        s.maxSigma = 0.3 * period;
        s.radius = radius;
        s.maxShift = 0.15 * period;
        s.background = ringMean(cx, cy, 0.38 * period, 0.5 * period);
        s.amplitude = ringMean(cx, cy, 0.12 * period, 0.25 * period) - s.background;
        s.core = g1.at<float>(cy, cx) - s.background - s.amplitude;
        return s;
    };
    std::vector<GaussianFitStart> starts;
    for (const Candidate& c : candidates)
        starts.push_back(startAt(c.x, c.y));
    std::vector<double> significance;
    for (const Candidate& c : candidates)
        significance.push_back(c.z);

    // Lattice fill: in a centrosymmetric projection, if q neighbours column p then 2p - q is
    // a lattice site too. Predicted sites with no column yet are tried with weaker evidence;
    // repeated until nothing new turns up. In vacuum the evidence is absent and nothing is added.
    const double nearest = 1.06 * period; // nearest column distance in units of the fringe period (fcc [110]: 0.2497/0.2355)
    if (settings.latticeFill) {
        std::vector<cv::Point2d> known;
        for (const GaussianFitStart& s : starts)
            known.emplace_back(s.x, s.y);
        std::size_t scanned = 0;
        for (int round = 0; round < 6; ++round) {
            std::vector<cv::Point2d> predicted;
            const std::size_t count = known.size();
            for (std::size_t i = 0; i < count; ++i)
                for (std::size_t j = 0; j < count; ++j) {
                    if (i == j || (i < scanned && j < scanned))
                        continue;
                    const double d = std::hypot(known[i].x - known[j].x, known[i].y - known[j].y);
                    if (d < 0.8 * nearest || d > 1.3 * nearest)
                        continue;
                    const cv::Point2d site = 2.0 * known[i] - known[j];
                    if (site.x < 2 || site.y < 2 || site.x >= frame.cols - 2 || site.y >= frame.rows - 2)
                        continue;
                    if (!mask.empty() && !mask.at<std::uint8_t>(static_cast<int>(site.y), static_cast<int>(site.x)))
                        continue;
                    bool occupied = false;
                    for (const cv::Point2d& k : known)
                        occupied = occupied || std::hypot(k.x - site.x, k.y - site.y) < 0.5 * nearest;
                    for (const cv::Point2d& k : predicted)
                        occupied = occupied || std::hypot(k.x - site.x, k.y - site.y) < 0.5 * nearest;
                    if (!occupied)
                        predicted.push_back(site);
                }
            scanned = count;
            int added = 0;
            for (const cv::Point2d& site : predicted) {
                const GaussianFitStart s = startAt(site.x, site.y);
                const int cx = std::clamp(static_cast<int>(std::lround(s.x)), 0, frame.cols - 1);
                const int cy = std::clamp(static_cast<int>(std::lround(s.y)), 0, frame.rows - 1);
                const double evidence = oriented.at<float>(cy, cx);
                if (evidence < settings.fillThreshold)
                    continue;
                starts.push_back(s);
                significance.push_back(evidence);
                known.emplace_back(s.x, s.y);
                ++added;
            }
            r.filled += added;
            if (added == 0)
                break;
        }
    }

    // Fits: the first pass on the frame as it is; later passes on the frame minus every other
    // column's fitted model (overlapping neighbours stop pulling each other). Each fit reads
    // only its window, so a pass costs one subtraction of the model, not one per column.
    std::vector<GaussianFit> fits(starts.size());
    const double modelReach = 2.5 * radius;
    for (int pass = 0; pass < std::max(1, settings.fitPasses); ++pass) {
        cv::Mat residual = frame.clone();
        if (pass > 0)
            for (const GaussianFit& f : fits)
                if (f.ok)
                    addGaussian(residual, f, -1.0, modelReach);
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
                addGaussian(patch, own, 1.0, modelReach);
            }
            GaussianFitStart local = s;
            local.x -= window.x;
            local.y -= window.y;
            GaussianFit f = fitGaussian(patch, local, r.noise);
            f.x += window.x;
            f.y += window.y;
            next[i] = f;
        }
        fits.swap(next);
    }

    std::vector<Atom> atoms;
    for (std::size_t i = 0; i < starts.size(); ++i) {
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
        a.errX = f.errX;
        a.errY = f.errY;
        a.crbX = f.crbX;
        a.crbY = f.crbY;
        a.significance = significance[i];
        atoms.push_back(a);
    }
    // Two fits that ended on the same column: keep the more significant.
    std::sort(atoms.begin(), atoms.end(), [](const Atom& a, const Atom& b) { return a.significance > b.significance; });
    std::vector<Atom> kept;
    const double tooClose = 0.4 * period;
    for (const Atom& a : atoms) {
        bool duplicate = false;
        for (const Atom& k : kept)
            duplicate = duplicate || std::hypot(a.x - k.x, a.y - k.y) < tooClose;
        if (!duplicate)
            kept.push_back(a);
    }
    std::sort(kept.begin(), kept.end(), [](const Atom& a, const Atom& b) { return a.y < b.y || (a.y == b.y && a.x < b.x); });
    for (std::size_t i = 0; i < kept.size(); ++i)
        kept[i].id = static_cast<int>(i);
    if (report != nullptr)
        *report = r;
    return kept;
}

} // namespace hrtem
