#include "core/evaluate/evaluation.h"

#include "core/util/assignment.h"
#include "core/track/temporal_refinement.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace hrtem {

TruthMovie timeAveragedTruth(const TruthMovie& truth, int halfWindow, double maxStep_px)
{
    TruthMovie out = truth;
    std::map<int, std::vector<std::pair<int, int>>> byId; // column id -> (frame, index), frames ascending
    for (int f = 0; f < int(truth.columns.size()); ++f)
        for (int i = 0; i < int(truth.columns[f].size()); ++i)
            byId[truth.columns[f][i].id].emplace_back(f, i);
    auto drift = [&](int frame) {
        return frame < int(truth.drift.size()) ? truth.drift[static_cast<std::size_t>(frame)] : TruthDrift{};
    };
    for (const auto& entry : byId) {
        const std::vector<std::pair<int, int>>& seen = entry.second;
        // Positions with the frame's drift removed: a site is where the column sits on the
        // specimen, as the drift-corrected estimate (temporal_refinement.h) averages it.
        auto corrected = [&](std::size_t k) {
            const TruthColumn& c = truth.columns[seen[k].first][seen[k].second];
            const TruthDrift d = drift(seen[k].first);
            return TruthDrift{c.x - d.x, c.y - d.y};
        };
        std::vector<int> stay(seen.size(), 0);
        for (std::size_t k = 1; k < seen.size(); ++k) {
            const TruthDrift a = corrected(k - 1), b = corrected(k);
            const bool jump = seen[k].first != seen[k - 1].first + 1 || std::hypot(b.x - a.x, b.y - a.y) > maxStep_px;
            stay[k] = stay[k - 1] + (jump ? 1 : 0);
        }
        for (std::size_t k = 0; k < seen.size(); ++k) {
            const int half = centredHalfWindow(stay, k, halfWindow);
            double x = 0, y = 0;
            for (std::size_t q = k - half; q <= k + half; ++q) {
                x += corrected(q).x;
                y += corrected(q).y;
            }
            TruthColumn& c = out.columns[seen[k].first][seen[k].second];
            const TruthDrift d = drift(seen[k].first);
            c.x = x / (2 * half + 1) + d.x;
            c.y = y / (2 * half + 1) + d.y;
        }
    }
    return out;
}

DetectionScore scoreDetections(const TruthMovie& truth, const std::vector<std::vector<Atom>>& found, double gate)
{
    DetectionScore s;
    double squared = 0.0, crbSquared = 0.0, normalizedSquared = 0.0;
    std::vector<double> errors, crbs;
    long axes = 0, inside = 0;
    const std::size_t frames = std::min(truth.columns.size(), found.size());
    for (std::size_t f = 0; f < frames; ++f) {
        std::vector<Point2> t, d;
        for (const TruthColumn& c : truth.columns[f])
            t.push_back({c.x, c.y});
        for (const Atom& a : found[f])
            d.push_back({a.x, a.y});
        const auto pairs = gatedMatching(t, d, gate);
        s.truePositives += static_cast<long>(pairs.size());
        s.falseNegatives += static_cast<long>(t.size() - pairs.size());
        s.falsePositives += static_cast<long>(d.size() - pairs.size());
        for (const auto& [i, j] : pairs) {
            const Atom& a = found[f][static_cast<std::size_t>(j)];
            const double dx = a.x - t[static_cast<std::size_t>(i)].x, dy = a.y - t[static_cast<std::size_t>(i)].y;
            squared += dx * dx + dy * dy;
            crbSquared += a.crbX * a.crbX + a.crbY * a.crbY;
            if (a.crbX > 0 && a.crbY > 0)
                normalizedSquared += 0.5 * (dx * dx / (a.crbX * a.crbX) + dy * dy / (a.crbY * a.crbY));
            errors.push_back(std::hypot(dx, dy));
            crbs.push_back(std::hypot(a.crbX, a.crbY));
            axes += 2;
            inside += (std::abs(dx) <= a.errX ? 1 : 0) + (std::abs(dy) <= a.errY ? 1 : 0);
        }
    }
    const double tp = static_cast<double>(s.truePositives);
    s.precision = tp / std::max(1.0, tp + static_cast<double>(s.falsePositives));
    s.recall = tp / std::max(1.0, tp + static_cast<double>(s.falseNegatives));
    s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0.0;
    if (s.truePositives > 0) {
        s.rmse_px = std::sqrt(squared / tp);
        s.rmsCrb_px = std::sqrt(crbSquared / tp);
        s.withinOneSigma = static_cast<double>(inside) / static_cast<double>(axes);
        s.rmsNormalizedError = std::sqrt(normalizedSquared / tp);
        auto median = [](std::vector<double> v) {
            std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
            return v[v.size() / 2];
        };
        s.medianError_px = median(errors);
        s.medianCrb_px = median(crbs);
    }
    return s;
}

} // namespace hrtem
