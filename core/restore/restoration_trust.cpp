#include "core/restore/restoration_trust.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <opencv2/imgproc.hpp>

namespace hrtem {

namespace {

/// Contrast of a column at (x, y): mean over the disc of radius `inner` minus mean over the
/// ring [ringIn, ringOut], and how many pixels each held.
struct Contrast {
    double value = 0.0;
    double discMean = 0.0;
    int disc = 0, ring = 0;
};

Contrast contrastAt(const cv::Mat& image, double x, double y, double inner, double ringIn, double ringOut)
{
    Contrast c;
    double discSum = 0.0, ringSum = 0.0;
    const int r = int(std::ceil(ringOut));
    const int cx = int(std::lround(x)), cy = int(std::lround(y));
    for (int v = std::max(0, cy - r); v <= std::min(image.rows - 1, cy + r); ++v) {
        const float* row = image.ptr<float>(v);
        for (int u = std::max(0, cx - r); u <= std::min(image.cols - 1, cx + r); ++u) {
            const double d = std::hypot(u - x, v - y);
            if (d <= inner) {
                discSum += row[u];
                ++c.disc;
            } else if (d >= ringIn && d <= ringOut) {
                ringSum += row[u];
                ++c.ring;
            }
        }
    }
    if (c.disc == 0 || c.ring == 0)
        return c;
    c.discMean = discSum / c.disc;
    c.value = c.discMean - ringSum / c.ring;
    return c;
}

struct Tally {
    double predicted = 0.0, observed = 0.0, variance = 0.0;
    int columns = 0;
    double support() const { return predicted > 0 ? observed / predicted : 1.0; }
    double deficitSigma() const { return variance > 0 ? (predicted - observed) / std::sqrt(variance) : 0.0; }
    bool flagged(const TrustSettings& s) const { return predicted > 0 && support() < s.minSupport && deficitSigma() > s.minDeficitSigma; }
};

double residualChi2(const cv::Mat& raw, const cv::Mat& restored, const NoiseModel& noise)
{
    double sum = 0.0;
    long n = 0;
    for (int y = 0; y < raw.rows; ++y) {
        const float* a = raw.ptr<float>(y);
        const float* b = restored.ptr<float>(y);
        for (int x = 0; x < raw.cols; ++x) {
            const double var = noise.variance(std::max<double>(b[x], 0.0));
            if (var <= 0)
                continue;
            sum += (a[x] - b[x]) * (a[x] - b[x]) / var;
            ++n;
        }
    }
    return n > 0 ? sum / double(n) : 1.0;
}

} // namespace

RestorationTrust checkRestoration(const cv::Mat& raw, const cv::Mat& restored, const std::vector<Atom>& columns,
                                  const std::vector<Atom>& rawColumns, int polarity, double nearestNeighbour_px, const NoiseModel& noise,
                                  const TrustSettings& settings)
{
    RestorationTrust trust;
    cv::Mat rawF, restoredF;
    raw.convertTo(rawF, CV_32F);
    restored.convertTo(restoredF, CV_32F);
    trust.residualChi2 = residualChi2(rawF, restoredF, noise);
    if (nearestNeighbour_px <= 0)
        return trust;
    const double sign = polarity >= 0 ? 1.0 : -1.0;
    // The column itself within a quarter spacing, its surroundings at about half a spacing
    // (between neighbours, where a column's own intensity has fallen off).
    const double inner = std::max(1.0, 0.22 * nearestNeighbour_px);
    const double ringIn = 0.42 * nearestNeighbour_px, ringOut = 0.58 * nearestNeighbour_px;
    // The other way round first: does the restored frame keep the raw frame's clear columns?
    Tally kept;
    for (const Atom& a : rawColumns) {
        if (a.significance < settings.minRawSignificance)
            continue;
        const Contrast o = contrastAt(rawF, a.x, a.y, inner, ringIn, ringOut);
        const Contrast r = contrastAt(restoredF, a.x, a.y, inner, ringIn, ringOut);
        if (o.disc == 0 || o.ring == 0)
            continue;
        kept.predicted += sign * o.value; // here the raw frame is the reference
        kept.observed += sign * r.value;
        kept.variance += noise.variance(std::max(0.0, o.discMean)) * (1.0 / o.disc + 1.0 / o.ring);
        ++kept.columns;
    }
    trust.keptJudged = kept.columns >= settings.minColumnsPerCell && kept.predicted > 0;
    trust.signalKept = kept.support();
    trust.keptDeficitSigma = kept.deficitSigma();
    const bool erased = trust.keptJudged && trust.signalKept < settings.minKept && trust.keptDeficitSigma > settings.minDeficitSigma;
    trust.flagged = erased;
    const int cells = std::max(1, settings.gridCells);
    std::vector<Tally> cellTally(std::size_t(cells * cells));
    Tally frame;
    for (const Atom& a : columns) {
        const Contrast o = contrastAt(rawF, a.x, a.y, inner, ringIn, ringOut);
        const Contrast r = contrastAt(restoredF, a.x, a.y, inner, ringIn, ringOut);
        if (o.disc == 0 || o.ring == 0)
            continue;
        const double var = noise.variance(std::max(0.0, r.discMean)) * (1.0 / o.disc + 1.0 / o.ring);
        const double predicted = sign * r.value, observed = sign * o.value;
        if (predicted <= 0)
            continue; // the restored frame shows no column contrast here: nothing to back
        if (observed < -2.0 * std::sqrt(var))
            ++trust.unsupportedColumns;
        const int cx = std::clamp(int(a.x * cells / raw.cols), 0, cells - 1);
        const int cy = std::clamp(int(a.y * cells / raw.rows), 0, cells - 1);
        for (Tally* t : {&frame, &cellTally[std::size_t(cy * cells + cx)]}) {
            t->predicted += predicted;
            t->observed += observed;
            t->variance += var;
            ++t->columns;
        }
    }
    trust.judged = frame.columns >= settings.minColumnsPerCell;
    trust.support = frame.support();
    trust.deficitSigma = frame.deficitSigma();
    bool anyRegion = false;
    for (int cy = 0; cy < cells; ++cy)
        for (int cx = 0; cx < cells; ++cx) {
            const Tally& t = cellTally[std::size_t(cy * cells + cx)];
            if (t.columns < settings.minColumnsPerCell || !t.flagged(settings))
                continue;
            TrustRegion region;
            region.area = cv::Rect(cx * raw.cols / cells, cy * raw.rows / cells, raw.cols / cells, raw.rows / cells);
            region.columns = t.columns;
            region.support = t.support();
            region.deficitSigma = t.deficitSigma();
            region.flagged = true;
            trust.regions.push_back(region);
            anyRegion = true;
        }
    trust.flagged = erased || (trust.judged && (frame.flagged(settings) || anyRegion));
    return trust;
}

} // namespace hrtem
