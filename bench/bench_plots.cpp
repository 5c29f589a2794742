// Benchmark (issue 18, bar 2): the plots and the trajectory view stay responsive on long movies.
//  - plots_redraw_ms: every time plot of a 1,000-frame result rebuilt and drawn once (total,
//    and the slowest single plot), as when frames arrive or the current frame moves;
//  - current_frame_ms: moving the current-frame marker on a time plot (one replot);
//  - trajectory_repaint_ms: one repaint of the trajectory view with 500 tracks over 1,000 frames,
//    coloured by time and by behaviour, with a track selected (median and worst of 20), and the
//    first paint after the colouring changed (which draws the tracks again; zoom and pan too).
// The result is synthetic (a drifting lattice of 500 columns, every frame filled as an analysis
// fills it), so the figures do not depend on the analysis. Prints JSON. Usage: bench_plots
#include "core/result/analysis_result.h"
#include "ui/plot/qcustomplot_include.h"
#include "ui/widgets/plots_panel.h"
#include "ui/widgets/trajectory_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <random>

using namespace hrtem;
using namespace hrtem::ui;

namespace {

std::shared_ptr<AnalysisResult> syntheticResult(int frames, int columns)
{
    auto r = std::make_shared<AnalysisResult>();
    r->width = r->height = 1024;
    r->pixel_nm = 0.02;
    r->frameInterval_s = 0.05;
    r->nearestNeighbour_px = 14.0;
    std::mt19937_64 rng(1);
    std::normal_distribution<double> noise(0.0, 0.2);
    const int side = int(std::ceil(std::sqrt(double(columns))));
    r->tracking.tracks.resize(std::size_t(columns));
    r->behaviours.perTrackPoint.resize(std::size_t(columns));
    for (int t = 0; t < frames; ++t) {
        FrameAnalysis f;
        f.frame = t;
        f.time_s = t * r->frameInterval_s;
        const Point2 drift{0.05 * t, 0.03 * t};
        r->tracking.drift_px.push_back(drift);
        for (int k = 0; k < columns; ++k) {
            Atom a;
            a.id = k;
            a.x = 150 + 14.0 * (k % side) + drift.x + noise(rng);
            a.y = 150 + 14.0 * (k / side) + drift.y + noise(rng);
            a.site = (k % side == 0 || k / side == 0) ? SiteKind::Surface : SiteKind::Bulk;
            a.trackId = k;
            f.atoms.push_back(a);
            r->tracking.tracks[std::size_t(k)].id = k;
            r->tracking.tracks[std::size_t(k)].points.push_back({t, k, a.x, a.y});
            // A hop now and then (every seventh column, every 200 frames), as in a real movie.
            r->behaviours.perTrackPoint[std::size_t(k)].push_back(k % 7 == 0 && t % 200 == 100 ? Behaviour::Hopping
                                                                                              : Behaviour::Stable);
        }
        FrameRelations& rel = f.relations;
        rel.meanNearestNeighbour_px = 14.0 + noise(rng) * 0.01;
        rel.lattice.valid = true;
        rel.lattice.spacing111_px = 11.77 + noise(rng) * 0.01;
        rel.lattice.spacing200_px = 10.19 + noise(rng) * 0.01;
        rel.particle.area_px2 = 14.0 * 14.0 * columns;
        rel.particle.equivalentDiameter_px = 2.0 * std::sqrt(rel.particle.area_px2 / M_PI);
        rel.strainXX.assign(std::size_t(columns), 0.001);
        rel.strainYY.assign(std::size_t(columns), -0.001);
        f.quality_dB = 12.0;
        r->frames.push_back(std::move(f));
    }
    for (int e = 0; e < frames; e += 10)
        r->behaviours.events.push_back({e, e % columns, "hop", {0, 0}, {0, 0}});
    return r;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const int frames = 1000, columns = 500;
    const auto result = syntheticResult(frames, columns);

    PlotsPanel plots;
    plots.resize(900, 600);
    plots.show();
    QApplication::processEvents();
    auto* plot = plots.findChild<QCustomPlot*>();
    QImage target(plots.size(), QImage::Format_ARGB32);
    plots.setResult(result);
    const QStringList names = plots.seriesNames();
    const int timeSeries = 12; // the plots before the MSD (PlotsPanel::View)
    std::vector<double> perPlot;
    QElapsedTimer all;
    all.start();
    for (int i = 0; i < timeSeries && i < names.size(); ++i) {
        QElapsedTimer one;
        one.start();
        plots.showSeries(names[i]);
        plot->replot(QCustomPlot::rpImmediateRefresh);
        perPlot.push_back(one.nsecsElapsed() / 1e6);
    }
    const double allMs = all.nsecsElapsed() / 1e6;
    std::vector<double> marker;
    for (int k = 0; k < 20; ++k) {
        QElapsedTimer one;
        one.start();
        plots.setCurrentFrame(k * 37 % frames);
        plot->replot(QCustomPlot::rpImmediateRefresh);
        marker.push_back(one.nsecsElapsed() / 1e6);
    }

    TrajectoryView view;
    view.resize(900, 900);
    view.show();
    view.setResult(result);
    QImage reference(1024, 1024, QImage::Format_Grayscale8);
    reference.fill(128);
    view.setReferenceImage(reference);
    view.setSelectedTrack(columns / 2);
    QApplication::processEvents();
    QImage canvas(view.size(), QImage::Format_ARGB32);
    nlohmann::json paints;
    for (auto mode : {TrajectoryView::ColourMode::Time, TrajectoryView::ColourMode::Behaviour}) {
        view.setColourMode(mode);
        std::vector<double> times;
        double first = 0.0;
        for (int k = 0; k < 21; ++k) {
            QPainter painter(&canvas);
            QElapsedTimer one;
            one.start();
            view.render(&painter);
            // The first paint after the colours changed draws the tracks; the others reuse them.
            (k == 0 ? first : times.emplace_back()) = one.nsecsElapsed() / 1e6;
        }
        paints[mode == TrajectoryView::ColourMode::Time ? "time" : "behaviour"] = {
            {"first_after_change", first}, {"median", median(times)}, {"max", *std::max_element(times.begin(), times.end())}};
    }

    const nlohmann::json out = {
        {"benchmark", "plots_and_trajectories"},
        {"frames", frames},
        {"tracks", columns},
        {"plots_redraw_ms_all", allMs},
        {"plots_redraw_ms_worst_plot", *std::max_element(perPlot.begin(), perPlot.end())},
        {"time_plots", perPlot.size()},
        {"plots_redraw_ms_each", perPlot},
        {"plots_target_ms", 50},
        {"current_frame_ms_median", median(marker)},
        {"trajectory_repaint_ms", paints},
        {"trajectory_target_ms", 30},
    };
    std::cout << out.dump(2) << std::endl;
    return 0;
}
