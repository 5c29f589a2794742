// The plots panel on a small hand-made result: series, clicks, MSD, histograms, export.
#include "core/result/analysis_result.h"
#include "ui/plot/qcustomplot_include.h"
#include "ui/widgets/plots_panel.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QFile>
#include <QMouseEvent>
#include <QTemporaryDir>

#include <memory>

using namespace hrtem;
using namespace hrtem::ui;

namespace {

/// Four frames, stack frames 10..13 at 0.5 s, 0.02 nm/px. Frame i holds 3 + i atoms in a row
/// 10 px apart, bonded in a chain. Frame 12 has no lattice fit. Two tracks with MSDs, two events.
std::shared_ptr<AnalysisResult> smallResult()
{
    auto r = std::make_shared<AnalysisResult>();
    r->pixel_nm = 0.02;
    r->frameInterval_s = 0.5;
    r->timeUnit = "s";
    for (int i = 0; i < 4; ++i) {
        FrameAnalysis f;
        f.frame = 10 + i;
        f.time_s = f.frame * 0.5;
        const int n = 3 + i;
        for (int a = 0; a < n; ++a) {
            Atom atom;
            atom.id = a;
            atom.x = 10.0 * a;
            atom.coordination = (a == 0 || a == n - 1) ? 1 : 2;
            f.atoms.push_back(atom);
        }
        for (int a = 0; a + 1 < n; ++a)
            f.relations.bonds.push_back({a, a + 1, a == 0 ? 9.0 : 10.0});
        f.relations.meanNearestNeighbour_px = 10.0;
        f.relations.lattice.valid = i != 2;
        f.relations.lattice.spacing111_px = 11.5;
        f.relations.lattice.spacing200_px = 10.0;
        f.relations.particle.area_px2 = 1000.0 + 100.0 * i;
        f.patches.rows = 2;
        f.quality_dB = 8.0 + i;
        r->frames.push_back(f);
    }
    TrackFeatures a, b;
    a.trackId = 0;
    a.msd_px2 = {1.0, 4.0, 9.0};
    b.trackId = 1;
    b.msd_px2 = {3.0, 8.0};
    r->behaviours.features = {a, b};
    BehaviourEvent hop;
    hop.frame = 1;
    hop.kind = "hop";
    BehaviourEvent adsorption;
    adsorption.frame = 1;
    adsorption.kind = "adsorption";
    r->behaviours.events = {hop, adsorption};
    return r;
}

QByteArray head(const QString& path, int bytes)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(bytes) : QByteArray();
}

} // namespace

TEST_CASE("plots panel: time series have one point per frame with a value", "[ui][plots]")
{
    PlotsPanel panel;
    const QStringList names = panel.seriesNames();
    REQUIRE(names.size() == 15);
    CHECK(panel.plottedPointCount() == 0); // no result yet
    panel.setResult(smallResult());
    auto* plot = panel.findChild<QCustomPlot*>();
    REQUIRE(plot != nullptr);

    panel.showSeries(QStringLiteral("Atoms per frame"));
    CHECK(panel.plottedPointCount() == 4);
    REQUIRE(plot->graphCount() == 1);
    CHECK(plot->graph(0)->data()->at(3)->key == Approx(6.5));
    CHECK(plot->graph(0)->data()->at(3)->value == Approx(6.0));

    panel.showSeries(QStringLiteral("{111} lattice spacing"));
    CHECK(panel.plottedPointCount() == 3); // frame 12 has no lattice fit
    CHECK(plot->graph(0)->data()->at(0)->value == Approx(0.23)); // 11.5 px x 0.02 nm/px
    CHECK(plot->yAxis->label().contains(QStringLiteral("nm")));

    panel.showSeries(QStringLiteral("Particle area"));
    CHECK(panel.plottedPointCount() == 4);
    CHECK(plot->graph(0)->data()->at(1)->value == Approx(1100.0 * 0.02 * 0.02));

    panel.showSeries(QStringLiteral("Events per frame"));
    CHECK(panel.plottedPointCount() == 4);
    CHECK(plot->graph(0)->data()->at(1)->value == Approx(2.0));
    CHECK(plot->graph(0)->data()->at(2)->value == Approx(0.0));

    panel.showSeries(QStringLiteral("Frame quality"));
    CHECK(plot->graph(0)->data()->at(2)->value == Approx(10.0));

    panel.setResult(nullptr);
    CHECK(panel.plottedPointCount() == 0);
}

TEST_CASE("plots panel: a click asks for the nearest frame; the current frame is marked", "[ui][plots]")
{
    PlotsPanel panel;
    panel.resize(640, 480);
    panel.show();
    panel.setResult(smallResult());
    panel.showSeries(QStringLiteral("Atoms per frame"));
    auto* plot = panel.findChild<QCustomPlot*>();
    REQUIRE(plot != nullptr);
    plot->replot(); // lay the axes out now: coordToPixel needs them
    int requested = -1;
    QObject::connect(&panel, &PlotsPanel::frameRequested, [&requested](int frame) { requested = frame; });

    // Frame 12 is at 6.0 s with 5 atoms; click a little right of it, still nearer to it.
    const QPointF at(plot->xAxis->coordToPixel(6.1), plot->yAxis->coordToPixel(5.0));
    QMouseEvent press(QEvent::MouseButtonPress, at, plot->mapToGlobal(at), Qt::LeftButton, Qt::LeftButton,
                      Qt::NoModifier);
    QApplication::sendEvent(plot, &press);
    CHECK(requested == 12);

    auto* line = plot->findChild<QCPItemStraightLine*>();
    REQUIRE(line != nullptr);
    panel.setCurrentFrame(11);
    CHECK(line->visible());
    CHECK(line->point1->coords().x() == Approx(5.5));
    panel.showSeries(QStringLiteral("Bond lengths"));
    CHECK_FALSE(line->visible()); // not a time axis
}

TEST_CASE("plots panel: MSD in nm² against lag in seconds, mean and selected track", "[ui][plots]")
{
    PlotsPanel panel;
    panel.setResult(smallResult());
    panel.showSeries(QStringLiteral("Mean squared displacement"));
    auto* plot = panel.findChild<QCustomPlot*>();
    REQUIRE(plot != nullptr);
    CHECK(panel.plottedPointCount() == 3);
    REQUIRE(plot->graphCount() == 1);
    const double nm2 = 0.02 * 0.02;
    CHECK(plot->graph(0)->data()->at(0)->key == Approx(0.5));
    CHECK(plot->graph(0)->data()->at(0)->value == Approx(2.0 * nm2)); // (1 + 3) / 2
    CHECK(plot->graph(0)->data()->at(1)->value == Approx(6.0 * nm2)); // (4 + 8) / 2
    CHECK(plot->graph(0)->data()->at(2)->value == Approx(9.0 * nm2)); // only track 0 is that long
    panel.setSelectedTrack(1);
    REQUIRE(plot->graphCount() == 2);
    CHECK(plot->graph(1)->dataCount() == 2);
    CHECK(plot->graph(1)->data()->at(1)->value == Approx(8.0 * nm2));
    panel.setSelectedTrack(-1);
    CHECK(plot->graphCount() == 1);
}

TEST_CASE("plots panel: bond-length and coordination histograms of one frame or all", "[ui][plots]")
{
    PlotsPanel panel;
    panel.setResult(smallResult());
    panel.setCurrentFrame(13); // 6 atoms, 5 bonds: one of 9 px, four of 10 px
    auto* plot = panel.findChild<QCustomPlot*>();
    REQUIRE(plot != nullptr);

    panel.showSeries(QStringLiteral("Coordination numbers"));
    REQUIRE(plot->plottableCount() == 1);
    auto* bars = qobject_cast<QCPBars*>(plot->plottable(0));
    REQUIRE(bars != nullptr);
    CHECK(panel.plottedPointCount() == 3); // coordination 0, 1, 2
    CHECK(bars->data()->at(1)->value == Approx(2.0));
    CHECK(bars->data()->at(2)->value == Approx(4.0));

    panel.showSeries(QStringLiteral("Bond lengths"));
    bars = qobject_cast<QCPBars*>(plot->plottable(0));
    REQUIRE(bars != nullptr);
    CHECK(panel.plottedPointCount() == 5); // at least five bins
    double bonds = 0;
    for (int i = 0; i < bars->dataCount(); ++i)
        bonds += bars->data()->at(i)->value;
    CHECK(bonds == Approx(5.0));
    CHECK(bars->data()->at(0)->value == Approx(1.0)); // the 9 px bond alone in the first bin
    CHECK(bars->data()->at(4)->value == Approx(4.0));

    panel.setHistogramsOverAllFrames(true); // 2 + 3 + 4 + 5 bonds
    bars = qobject_cast<QCPBars*>(plot->plottable(0));
    REQUIRE(bars != nullptr);
    bonds = 0;
    for (int i = 0; i < bars->dataCount(); ++i)
        bonds += bars->data()->at(i)->value;
    CHECK(bonds == Approx(14.0));
}

TEST_CASE("plots panel exports PNG, SVG and PDF, and nothing for other names", "[ui][plots]")
{
    PlotsPanel panel;
    panel.resize(640, 480);
    panel.setResult(smallResult());
    panel.showSeries(QStringLiteral("Atoms per frame"));
    QTemporaryDir dir;
    REQUIRE(dir.isValid());

    const QString png = dir.filePath(QStringLiteral("atoms.png"));
    REQUIRE(panel.exportPlot(png));
    CHECK(head(png, 4) == QByteArray("\x89PNG", 4));

    const QString svg = dir.filePath(QStringLiteral("atoms.svg"));
    REQUIRE(panel.exportPlot(svg));
    const QByteArray svgText = head(svg, 4096);
    CHECK((svgText.startsWith("<?xml") || svgText.contains("<svg")));

    const QString pdf = dir.filePath(QStringLiteral("atoms.PDF"));
    REQUIRE(panel.exportPlot(pdf));
    CHECK(head(pdf, 4) == QByteArray("%PDF"));
    CHECK(QFile(pdf).size() > 500);

    const QString text = dir.filePath(QStringLiteral("atoms.txt"));
    CHECK_FALSE(panel.exportPlot(text));
    CHECK_FALSE(QFile::exists(text));
    const QString nowhere = dir.filePath(QStringLiteral("missing/atoms.png"));
    CHECK_FALSE(panel.exportPlot(nowhere));
    CHECK_FALSE(QFile::exists(nowhere));
}
