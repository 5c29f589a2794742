// The trajectory view and the result tables on a real analysis: a small simulated movie
// (8 frames, 256 x 256) run through the shared pipeline, then coordinates, picking, clicks and
// painting of the view, and counts, sorting, filters, selection and double clicks of the tables.
#include "core/pipeline/analysis_pipeline.h"
#include "core/sim/simulation.h"
#include "ui/widgets/result_table_models.h"
#include "ui/widgets/result_tables.h"
#include "ui/widgets/trajectory_view.h"

#include <catch2/catch.hpp>

#include <QApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMouseEvent>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

using namespace hrtem;
using namespace hrtem::ui;

namespace {

struct Analysed {
    std::shared_ptr<const AnalysisResult> result;
    QImage reference; ///< frame 0 as 8-bit grey
};

/// One analysis shared by every test case below (it is the slow part, a few seconds).
const Analysed& analysed()
{
    static const Analysed a = [] {
        sim::SimulationSettings s = sim::preset("medium");
        s.seed = 5;
        s.width = s.height = 256;
        s.frames = 8;
        s.specimen.radius111_nm = 1.6;
        s.specimen.radius100_nm = 1.8;
        s.specimen.base_nm = 1.2;
        auto stack = sim::makeSimulatedStack(s);
        AnalysisSettings settings;
        settings.threads = 2;
        Analysed out;
        out.result = std::make_shared<const AnalysisResult>(analyzeStack(*stack, settings));
        cv::Mat frame = stack->readFrame(0), grey;
        cv::normalize(frame, grey, 0, 255, cv::NORM_MINMAX, CV_8U);
        QImage image(grey.cols, grey.rows, QImage::Format_Grayscale8);
        for (int y = 0; y < grey.rows; ++y)
            std::copy_n(grey.ptr<uchar>(y), grey.cols, image.scanLine(y));
        out.reference = image;
        return out;
    }();
    return a;
}

/// A left-button event; `buttons` is the state after it (pressed for a press or a drag).
void sendMouse(QWidget* widget, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    QMouseEvent event(type, pos, widget->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void click(QWidget* widget, QPointF pos)
{
    sendMouse(widget, QEvent::MouseButtonPress, pos, Qt::LeftButton);
    sendMouse(widget, QEvent::MouseButtonRelease, pos, Qt::NoButton);
}

void doubleClick(QWidget* widget, QPointF pos)
{
    click(widget, pos);
    sendMouse(widget, QEvent::MouseButtonDblClick, pos, Qt::LeftButton);
    sendMouse(widget, QEvent::MouseButtonRelease, pos, Qt::NoButton);
}

/// The longest track: a lattice column, far from the particle's edge.
const Track& longestTrack(const AnalysisResult& r)
{
    return *std::max_element(r.tracking.tracks.begin(), r.tracking.tracks.end(),
                             [](const Track& a, const Track& b) { return a.points.size() < b.points.size(); });
}

QPointF pointOf(const TrackPoint& p) { return {p.x, p.y}; }

QImage rendered(TrajectoryView& view)
{
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    view.render(&image);
    return image;
}

/// Display text of every cell of a proxy row, joined.
QString rowText(const QAbstractItemModel* model, int row)
{
    QStringList cells;
    for (int c = 0; c < model->columnCount(); ++c)
        cells << model->index(row, c).data().toString();
    return cells.join(QLatin1Char('|'));
}

} // namespace

TEST_CASE("the analysis of the small movie has tracks and events to show", "[ui][trajectory][tables]")
{
    const AnalysisResult& r = *analysed().result;
    REQUIRE(r.frames.size() == 8);
    REQUIRE(r.width == 256);
    REQUIRE(r.tracking.tracks.size() >= 20);
    REQUIRE(longestTrack(r).points.size() >= 6);
    REQUIRE_FALSE(r.frames[3].atoms.empty());
    CHECK(analysed().reference.size() == QSize(256, 256));
    std::size_t atoms = 0;
    for (const FrameAnalysis& f : r.frames)
        atoms += f.atoms.size();
    INFO("tracks " << r.tracking.tracks.size() << ", events " << r.behaviours.events.size() << ", atoms " << atoms);
    CHECK(atoms > 8 * 20);
}

TEST_CASE("the trajectory view maps image pixels to widget pixels and back", "[ui][trajectory]")
{
    TrajectoryView view;
    view.resize(500, 400);
    view.setResult(analysed().result);
    view.setReferenceImage(analysed().reference);
    REQUIRE(view.isFitting());
    // 256 px of image fitted into 400 px with the 0.98 margin: zoom 1.53125, centred.
    const double zoom = 0.98 * 400.0 / 256.0;
    const QPointF corner = view.toWidget(QPointF(-0.5, -0.5));
    CHECK(corner.x() == Approx((500.0 - 256.0 * zoom) / 2.0).margin(1e-9));
    CHECK(corner.y() == Approx((400.0 - 256.0 * zoom) / 2.0).margin(1e-9));
    const QPointF far = view.toWidget(QPointF(255.5, 255.5));
    CHECK(far.x() - corner.x() == Approx(256.0 * zoom).margin(1e-9));

    auto roundTrips = [&view] {
        for (const QPointF p : {QPointF(0, 0), QPointF(17.25, 203.5), QPointF(255.5, 0.125), QPointF(-3, 300)}) {
            const QPointF back = view.toImage(view.toWidget(p));
            CHECK(std::abs(back.x() - p.x()) < 1e-9);
            CHECK(std::abs(back.y() - p.y()) < 1e-9);
            const QPointF w(123.5, 77.25);
            const QPointF again = view.toWidget(view.toImage(w));
            CHECK(std::abs(again.x() - w.x()) < 1e-9);
            CHECK(std::abs(again.y() - w.y()) < 1e-9);
        }
    };
    roundTrips();
    // After a wheel zoom (manual transform) too, and the point under the cursor stays put.
    const QPointF cursor(260.0, 190.0);
    const QPointF underCursor = view.toImage(cursor);
    QWheelEvent wheel(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    CHECK_FALSE(view.isFitting());
    CHECK(view.toImage(cursor).x() == Approx(underCursor.x()).margin(1e-9));
    CHECK(view.toImage(cursor).y() == Approx(underCursor.y()).margin(1e-9));
    CHECK((view.toWidget(QPointF(1, 0)) - view.toWidget(QPointF(0, 0))).x() == Approx(zoom * 1.44).margin(1e-9));
    roundTrips();
}

TEST_CASE("the trajectory view picks tracks and clicks select them", "[ui][trajectory]")
{
    const AnalysisResult& r = *analysed().result;
    TrajectoryView view;
    view.resize(500, 400);
    view.setResult(analysed().result);
    view.setReferenceImage(analysed().reference);
    std::vector<int> emitted;
    QObject::connect(&view, &TrajectoryView::trackSelected, [&emitted](int id) { emitted.push_back(id); });

    // Every point of every track picks that track, within 0.5 widget px of it as well.
    int checked = 0, hits = 0;
    for (const Track& track : r.tracking.tracks)
        for (const TrackPoint& p : track.points) {
            ++checked;
            hits += view.trackAt(view.toWidget(pointOf(p))) == track.id ? 1 : 0;
        }
    CHECK(hits == checked);
    const Track& track = longestTrack(r);
    const QPointF onTrack = view.toWidget(pointOf(track.points[track.points.size() / 2]));
    CHECK(view.trackAt(onTrack) == track.id);
    CHECK(view.trackAt(onTrack + QPointF(0.5, -0.5)) == track.id);
    // The widget's corner lies outside the image: nothing there.
    const QPointF empty(3.0, 3.0);
    REQUIRE(view.trackAt(empty) == -1);

    click(&view, onTrack);
    REQUIRE(emitted.size() == 1);
    CHECK(emitted[0] == track.id);
    CHECK(view.selectedTrack() == track.id);
    click(&view, empty);
    REQUIRE(emitted.size() == 2);
    CHECK(emitted[1] == -1);
    CHECK(view.selectedTrack() == -1);
    // setSelectedTrack is quiet, and ignores ids that do not exist.
    view.setSelectedTrack(track.id);
    CHECK(view.selectedTrack() == track.id);
    view.setSelectedTrack(1000000);
    CHECK(view.selectedTrack() == -1);
    CHECK(emitted.size() == 2);
    // A drag pans instead of selecting.
    const QPointF before = view.toWidget(QPointF(100, 100));
    sendMouse(&view, QEvent::MouseButtonPress, onTrack, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseMove, onTrack + QPointF(30, 20), Qt::LeftButton);
    sendMouse(&view, QEvent::MouseButtonRelease, onTrack + QPointF(30, 20), Qt::NoButton);
    CHECK(emitted.size() == 2);
    CHECK(view.toWidget(QPointF(100, 100)).x() == Approx(before.x() + 30).margin(1e-9));
    CHECK(view.toWidget(QPointF(100, 100)).y() == Approx(before.y() + 20).margin(1e-9));
}

TEST_CASE("the trajectory view paints the selected track differently", "[ui][trajectory]")
{
    const AnalysisResult& r = *analysed().result;
    TrajectoryView view;
    view.resize(500, 400);
    view.setResult(analysed().result);
    view.setReferenceImage(analysed().reference);

    const QImage plain = rendered(view);
    REQUIRE(plain.size() == QSize(500, 400));
    const Track& track = longestTrack(r);
    const QPoint at = view.toWidget(pointOf(track.points[track.points.size() / 2])).toPoint();
    view.setSelectedTrack(track.id);
    const QImage selected = rendered(view);
    CHECK(selected.pixel(at) != plain.pixel(at));
    // The selected track has a white halo. Nothing near it is that white without the selection
    // (the image under the tracks is veiled, the track colours are not grey).
    QRectF bounds;
    for (const TrackPoint& p : track.points)
        bounds |= QRectF(view.toWidget(pointOf(p)), QSizeF(0, 0)).adjusted(-1e-3, -1e-3, 1e-3, 1e-3);
    const QRect box = bounds.toAlignedRect().adjusted(-6, -6, 6, 6);
    auto whitePixels = [&box](const QImage& image) {
        int n = 0;
        for (int y = box.top(); y <= box.bottom(); ++y)
            for (int x = box.left(); x <= box.right(); ++x) {
                const QRgb c = image.pixel(x, y);
                n += qRed(c) >= 200 && qGreen(c) >= 200 && qBlue(c) >= 200 ? 1 : 0;
            }
        return n;
    };
    CHECK(whitePixels(plain) == 0);
    CHECK(whitePixels(selected) >= 10);
    // The other tracks are dimmed: a point of a track far from the selected one changes too.
    const QPointF centre = pointOf(track.points.front());
    const Track* far = nullptr;
    for (const Track& t : r.tracking.tracks)
        if (t.points.size() >= 3 && std::hypot(t.points[1].x - centre.x(), t.points[1].y - centre.y()) > 40.0)
            far = &t;
    REQUIRE(far != nullptr);
    const QPoint farAt = view.toWidget(pointOf(far->points[1])).toPoint();
    CHECK(selected.pixel(farAt) != plain.pixel(farAt));
    CHECK(qGray(selected.pixel(farAt)) < qGray(plain.pixel(farAt)));
    // The rest is dimmed, not erased: the background corner is the same.
    CHECK(selected.pixel(1, 1) == plain.pixel(1, 1));
    CHECK(selected.pixel(1, 1) == qRgb(32, 32, 36));

    // Behaviour colours paint too, and differently from time colours.
    view.setSelectedTrack(-1);
    view.setColourMode(TrajectoryView::ColourMode::Behaviour);
    const QImage behaviour = rendered(view);
    CHECK(behaviour != plain);
    // Without a result: the placeholder, no crash.
    view.setResult(nullptr);
    view.setReferenceImage(QImage());
    const QImage none = rendered(view);
    CHECK(none.pixel(1, 1) == plain.pixel(1, 1));
}

TEST_CASE("the result tables count, sort and filter the rows of the result", "[ui][tables]")
{
    const AnalysisResult& r = *analysed().result;
    ResultTables tables;
    tables.resize(900, 500);
    tables.setCurrentFrame(r.frames[3].frame);
    tables.setResult(analysed().result);
    tables.show();
    QApplication::processEvents();

    const int tracks = int(r.tracking.tracks.size());
    CHECK(tables.tracksModel()->rowCount() == tracks);
    CHECK(tables.eventsModel()->rowCount() == int(r.behaviours.events.size()));
    CHECK(tables.atomsModel()->rowCount() == int(r.frames[3].atoms.size()));
    CHECK(tables.tabTitle(ResultTables::TracksTab) == QStringLiteral("Tracks (%1)").arg(tracks));
    CHECK(tables.tabTitle(ResultTables::EventsTab) == QStringLiteral("Events (%1)").arg(r.behaviours.events.size()));
    CHECK(tables.tabTitle(ResultTables::AtomsTab) ==
          QStringLiteral("Atoms in frame %1 (%2)").arg(r.frames[3].frame).arg(r.frames[3].atoms.size()));
    CHECK(tables.model(ResultTables::AtomsTab) == tables.atomsModel());

    tables.setCurrentFrame(r.frames[6].frame);
    CHECK(tables.atomsModel()->rowCount() == int(r.frames[6].atoms.size()));
    tables.setCurrentFrame(1000); // not analysed
    CHECK(tables.atomsModel()->rowCount() == 0);
    CHECK(tables.tabTitle(ResultTables::AtomsTab) == QStringLiteral("Atoms in frame 1000 (0)"));
    tables.setCurrentFrame(r.frames[3].frame);

    SECTION("a click on the x header sorts by x, a second click reverses")
    {
        tables.setCurrentTab(ResultTables::AtomsTab);
        CHECK(tables.currentTab() == ResultTables::AtomsTab);
        QTableView* view = tables.tableView(ResultTables::AtomsTab);
        QHeaderView* header = view->horizontalHeader();
        const QPointF section(header->sectionViewportPosition(AtomsTableModel::XPx) +
                                  header->sectionSize(AtomsTableModel::XPx) / 2.0,
                              header->height() / 2.0);
        const QAbstractItemModel* model = tables.atomsModel();
        auto xs = [model] {
            std::vector<double> v;
            for (int row = 0; row < model->rowCount(); ++row)
                v.push_back(model->index(row, AtomsTableModel::XPx).data(ResultTableModel::SortRole).toDouble());
            return v;
        };
        click(header->viewport(), section);
        REQUIRE(header->sortIndicatorSection() == AtomsTableModel::XPx);
        const Qt::SortOrder firstOrder = header->sortIndicatorOrder();
        std::vector<double> x = xs();
        REQUIRE(x.size() == r.frames[3].atoms.size());
        if (firstOrder == Qt::DescendingOrder)
            std::reverse(x.begin(), x.end());
        CHECK(std::is_sorted(x.begin(), x.end()));
        CHECK(x.front() < x.back());
        click(header->viewport(), section);
        CHECK(header->sortIndicatorOrder() != firstOrder);
        x = xs();
        if (header->sortIndicatorOrder() == Qt::DescendingOrder)
            std::reverse(x.begin(), x.end());
        CHECK(std::is_sorted(x.begin(), x.end()));
        // Ascending explicitly: the smallest x first, as the atoms' own minimum.
        view->sortByColumn(AtomsTableModel::XPx, Qt::AscendingOrder);
        x = xs();
        CHECK(std::is_sorted(x.begin(), x.end()));
        const double minX = std::min_element(r.frames[3].atoms.begin(), r.frames[3].atoms.end(),
                                             [](const Atom& a, const Atom& b) { return a.x < b.x; })->x;
        CHECK(x.front() == minX);
        // Numbers sort as numbers: the track column, ascending, by value (empty cells last).
        view->sortByColumn(AtomsTableModel::TrackId, Qt::AscendingOrder);
        std::vector<int> ids;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QVariant v = model->index(row, AtomsTableModel::TrackId).data(ResultTableModel::SortRole);
            if (v.isValid())
                ids.push_back(v.toInt());
        }
        CHECK(std::is_sorted(ids.begin(), ids.end()));
        CHECK(ids.size() > 3);
    }

    SECTION("a track id typed into the filter keeps only rows that contain it")
    {
        const int id = r.tracking.tracks.back().id;
        const QString text = QString::number(id);
        tables.setFilter(ResultTables::TracksTab, text);
        CHECK(tables.filter(ResultTables::TracksTab) == text);
        const QSortFilterProxyModel* model = tables.tracksModel();
        const int shown = model->rowCount();
        CHECK(shown >= 1);
        CHECK(shown < tracks);
        bool found = false;
        for (int row = 0; row < shown; ++row) {
            CHECK(rowText(model, row).contains(text));
            found = found || model->index(row, 0).data(ResultTableModel::TrackIdRole).toInt() == id;
        }
        CHECK(found);
        CHECK(tables.tabTitle(ResultTables::TracksTab) == QStringLiteral("Tracks (%1 of %2)").arg(shown).arg(tracks));
        // Case-insensitive, over text columns too.
        tables.setFilter(ResultTables::TracksTab, QStringLiteral("STABLE"));
        CHECK(model->rowCount() >= 1);
        CHECK(model->rowCount() <= tracks);
        for (int row = 0; row < model->rowCount(); ++row)
            CHECK(rowText(model, row).contains(QStringLiteral("stable")));
        tables.setFilter(ResultTables::TracksTab, QStringLiteral("no such text"));
        CHECK(model->rowCount() == 0);
        tables.setFilter(ResultTables::TracksTab, QString());
        CHECK(model->rowCount() == tracks);
        CHECK(tables.tabTitle(ResultTables::TracksTab) == QStringLiteral("Tracks (%1)").arg(tracks));
        // The atoms filter is its own.
        tables.setFilter(ResultTables::AtomsTab, QStringLiteral("no such text"));
        CHECK(tables.atomsModel()->rowCount() == 0);
        CHECK(tables.tracksModel()->rowCount() == tracks);
    }
}

TEST_CASE("the result tables report and follow the selected track", "[ui][tables]")
{
    const AnalysisResult& r = *analysed().result;
    ResultTables tables;
    tables.resize(900, 500);
    tables.setCurrentFrame(r.frames[3].frame);
    tables.setResult(analysed().result);
    tables.setCurrentTab(ResultTables::TracksTab);
    tables.show();
    QApplication::processEvents();
    std::vector<int> selectedIds, frames;
    QObject::connect(&tables, &ResultTables::trackSelected, [&selectedIds](int id) { selectedIds.push_back(id); });
    QObject::connect(&tables, &ResultTables::frameRequested, [&frames](int f) { frames.push_back(f); });

    // The track of an atom in frame 3 (so the atoms tab has a row to follow).
    const Atom* tracked = nullptr;
    for (const Atom& a : r.frames[3].atoms)
        if (a.trackId > 2) {
            tracked = &a;
            break;
        }
    REQUIRE(tracked != nullptr);
    const int id = tracked->trackId;

    QTableView* tracksView = tables.tableView(ResultTables::TracksTab);
    const QSortFilterProxyModel* tracksModel = tables.tracksModel();
    int row = -1;
    for (int i = 0; i < tracksModel->rowCount(); ++i)
        if (tracksModel->index(i, 0).data(ResultTableModel::TrackIdRole).toInt() == id)
            row = i;
    REQUIRE(row >= 0);
    tracksView->scrollTo(tracksModel->index(row, 0));
    const QRect cell = tracksView->visualRect(tracksModel->index(row, 1));
    REQUIRE(cell.isValid());
    click(tracksView->viewport(), cell.center());
    REQUIRE(selectedIds.size() == 1);
    CHECK(selectedIds[0] == id);
    CHECK(tables.selectedTrack() == id);
    // The atoms tab selected that track's atom.
    const QModelIndexList atomRows = tables.tableView(ResultTables::AtomsTab)->selectionModel()->selectedRows();
    REQUIRE(atomRows.size() == 1);
    CHECK(atomRows[0].data(ResultTableModel::TrackIdRole).toInt() == id);
    CHECK(atomRows[0].data(ResultTableModel::SortRole).toInt() == tracked->id);
    // Clicking the same track again is no news.
    click(tracksView->viewport(), cell.center());
    CHECK(selectedIds.size() == 1);

    // Chosen elsewhere: shown in every tab, nothing emitted.
    const Track& other = longestTrack(r);
    REQUIRE(other.id != id);
    tables.setSelectedTrack(other.id);
    CHECK(selectedIds.size() == 1);
    CHECK(tables.selectedTrack() == other.id);
    const QModelIndexList trackRows = tracksView->selectionModel()->selectedRows();
    REQUIRE(trackRows.size() == 1);
    CHECK(trackRows[0].data(ResultTableModel::TrackIdRole).toInt() == other.id);
    CHECK(tracksView->selectionModel()->currentIndex().row() == trackRows[0].row());
    const auto eventsOfOther = std::count_if(r.behaviours.events.begin(), r.behaviours.events.end(),
                                             [&other](const BehaviourEvent& e) { return e.trackId == other.id; });
    CHECK(tables.tableView(ResultTables::EventsTab)->selectionModel()->selectedRows().size() == eventsOfOther);
    // Following the frame keeps the track's atom selected.
    tables.setCurrentFrame(r.frames[5].frame);
    const bool inFrame5 = std::any_of(r.frames[5].atoms.begin(), r.frames[5].atoms.end(),
                                      [&other](const Atom& a) { return a.trackId == other.id; });
    CHECK(tables.tableView(ResultTables::AtomsTab)->selectionModel()->selectedRows().size() == (inFrame5 ? 1 : 0));
    tables.setSelectedTrack(-1);
    CHECK(tracksView->selectionModel()->selectedRows().isEmpty());
    CHECK(selectedIds.size() == 1);

    // Double clicks ask for the frame: a track's first frame, an event's frame.
    doubleClick(tracksView->viewport(), cell.center());
    REQUIRE(frames.size() == 1);
    const Track& clicked = r.tracking.tracks[std::size_t(id)];
    CHECK(frames[0] == r.frames[std::size_t(clicked.points.front().frame)].frame);
    CHECK(selectedIds.size() == 2);
    CHECK(selectedIds[1] == id);
    if (!r.behaviours.events.empty()) {
        tables.setCurrentTab(ResultTables::EventsTab);
        QTableView* eventsView = tables.tableView(ResultTables::EventsTab);
        const QModelIndex first = tables.eventsModel()->index(0, 0);
        eventsView->scrollTo(first);
        doubleClick(eventsView->viewport(), eventsView->visualRect(first).center());
        // Selecting an event's row already goes to its frame (issue 32); the double click again.
        REQUIRE(frames.size() >= 2);
        CHECK(frames.back() == first.data(ResultTableModel::StackFrameRole).toInt());
        CHECK(frames.back() == first.data(ResultTableModel::SortRole).toInt()); // the frame column
    } else {
        WARN("the movie has no behaviour events; the events double click is not checked");
    }

    // A language change rebuilds the titles the same (no translator installed).
    const QString title = tables.tabTitle(ResultTables::TracksTab);
    QEvent change(QEvent::LanguageChange);
    QApplication::sendEvent(&tables, &change);
    CHECK(tables.tabTitle(ResultTables::TracksTab) == title);
    // Clearing the result empties every tab.
    tables.setResult(nullptr);
    CHECK(tables.tracksModel()->rowCount() == 0);
    CHECK(tables.atomsModel()->rowCount() == 0);
    CHECK(tables.eventsModel()->rowCount() == 0);
    CHECK(tables.selectedTrack() == -1);
}
