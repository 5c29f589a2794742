#include "ui/widgets/plots_panel.h"

#include "core/result/analysis_result.h"
#include "ui/plot/qcustomplot_include.h"
#include "ui/widgets/result_labels.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPageLayout>
#include <QPdfWriter>
#include <QPushButton>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hrtem::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kMainColour(60, 110, 180);
const QColor kTrackColour(210, 90, 40);

/// [low, high] with a margin, so that the extreme points do not sit on the axes. A single value
/// gets a window around it (QCustomPlot cannot show an empty range).
QCPRange padded(double low, double high, double fraction = 0.05)
{
    if (!(high >= low))
        return QCPRange(0.0, 1.0);
    const double span = high - low;
    const double pad = span > 0 ? span * fraction : std::max(std::abs(low) * 0.1, 0.5);
    return QCPRange(low - pad, high + pad);
}

/// Ticks on whole numbers only (counts), at steps of 1, 2, 5, ... as the range needs.
void integerTicks(QCPAxis* axis)
{
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

} // namespace

PlotsPanel::PlotsPanel(QWidget* parent) : QWidget(parent)
{
    mViewLabel = new QLabel(this);
    mView = new QComboBox(this);
    // Texts come in retranslate(); the data says which plot an entry is, whatever the language.
    for (int v = 0; v <= static_cast<int>(View::Coordination); ++v)
        mView->addItem(QString(), v);
    mViewLabel->setBuddy(mView);
    connect(mView, &QComboBox::currentIndexChanged, this, &PlotsPanel::rebuild);
    mAllFrames = new QCheckBox(this);
    connect(mAllFrames, &QCheckBox::toggled, this, &PlotsPanel::rebuild);
    mExportButton = new QPushButton(this);
    connect(mExportButton, &QPushButton::clicked, this, &PlotsPanel::exportClicked);

    mPlot = new QCustomPlot(this);
    mPlot->setMinimumSize(240, 120);
    mTitle = new QCPTextElement(mPlot, QString(), QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    mPlot->plotLayout()->insertRow(0);
    mPlot->plotLayout()->addElement(0, 0, mTitle);
    mFrameLine = new QCPItemStraightLine(mPlot);
    mFrameLine->setPen(QPen(QColor(230, 120, 0), 1.5, Qt::DashLine));
    mFrameLine->setVisible(false);
    // Only the MSD plot has a legend, and MSD rises with the lag: the upper left corner is free.
    mPlot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    connect(mPlot, &QCustomPlot::mousePress, this, &PlotsPanel::plotPressed);

    auto* controls = new QHBoxLayout;
    controls->addWidget(mViewLabel);
    controls->addWidget(mView, 1);
    controls->addWidget(mAllFrames);
    controls->addWidget(mExportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addWidget(mPlot, 1);
    retranslate();
}

void PlotsPanel::retranslate()
{
    mViewLabel->setText(tr("Plot"));
    // In the order of View.
    const QStringList names = {tr("Atoms per frame"), tr("{111} lattice spacing"), tr("{200} lattice spacing"),
                               tr("Mean nearest-neighbour distance"), tr("Particle area"), tr("Frame quality"),
                               tr("Events per frame"), tr("Surface atoms per frame"), tr("Equivalent diameter"),
                               tr("Local strain (mean)"), tr("Local strain (spread)"), tr("Drift"),
                               tr("Mean squared displacement"), tr("Bond lengths"), tr("Coordination numbers")};
    for (int i = 0; i < mView->count() && i < names.size(); ++i)
        mView->setItemText(i, names[i]);
    mView->setToolTip(tr("Which plot to show; a click on a time series shows that frame"));
    mAllFrames->setText(tr("All frames"));
    mAllFrames->setToolTip(tr("Histograms over every analysed frame instead of the current one"));
    mExportButton->setText(tr("Export…"));
    mExportButton->setToolTip(tr("Save the plot shown as PNG, SVG or PDF"));
    rebuild();
}

void PlotsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PlotsPanel::setResult(std::shared_ptr<const AnalysisResult> result)
{
    mResult = std::move(result);
    // A single image has no time axis to plot along: show what it does have, its bond lengths.
    if (mResult && mResult->frames.size() == 1 && isTimeView()) {
        const int bonds = mView->findData(int(View::BondLengths));
        if (bonds >= 0) {
            mView->setCurrentIndex(bonds); // rebuilds
            return;
        }
    }
    rebuild();
}

void PlotsPanel::setCurrentFrame(int stackFrame)
{
    mCurrentStackFrame = stackFrame;
    // Only the current-frame histograms depend on the frame; the time series just move the line.
    const View v = currentView();
    if ((v == View::BondLengths || v == View::Coordination) && !mAllFrames->isChecked())
        rebuild();
    else
        updateFrameLine();
}

void PlotsPanel::setSelectedTrack(int trackId)
{
    mSelectedTrack = trackId;
    if (currentView() == View::Msd)
        rebuild();
}

void PlotsPanel::setHistogramsOverAllFrames(bool all)
{
    mAllFrames->setChecked(all);
}

QStringList PlotsPanel::seriesNames() const
{
    QStringList names;
    for (int i = 0; i < mView->count(); ++i)
        names << mView->itemText(i);
    return names;
}

void PlotsPanel::showSeries(const QString& name)
{
    const int index = mView->findText(name);
    if (index >= 0)
        mView->setCurrentIndex(index);
}

PlotsPanel::View PlotsPanel::currentView() const
{
    return static_cast<View>(mView->currentData().toInt());
}

QString PlotsPanel::lengthUnit() const
{
    return mResult && mResult->pixel_nm > 0 ? QStringLiteral("nm") : QStringLiteral("px");
}

QString PlotsPanel::timeUnit() const
{
    return ResultLabels::timeUnit(mResult ? mResult->timeUnit : std::string("s")); // "frame" translated too
}

void PlotsPanel::rebuild()
{
    // Plottables are recreated each time: a handful of objects, and no state to keep in step.
    mPlot->clearPlottables();
    mPlot->legend->setVisible(false);
    for (QCPAxis* axis : {mPlot->xAxis, mPlot->yAxis})
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    mPointCount = 0;
    const View view = currentView();
    mAllFrames->setEnabled(view == View::BondLengths || view == View::Coordination);
    if (!mResult) {
        mTitle->setText(tr("No analysis result"));
        for (QCPAxis* axis : {mPlot->xAxis, mPlot->yAxis}) {
            axis->setLabel(QString());
            axis->setRange(0.0, 1.0);
        }
    } else if (view == View::Msd) {
        buildMsd();
    } else if (view == View::BondLengths || view == View::Coordination) {
        buildHistogram(view == View::BondLengths);
    } else {
        buildTimeSeries(view);
    }
    updateFrameLine(); // and replots
}

namespace {

/// Time series with more points than this are drawn thin and without discs.
constexpr int kDenseSeries = 300;

/// Mean, or standard deviation, of the in-plane dilatation (εxx + εyy)/2 over the columns of a
/// frame that have a local strain, in percent; NaN without any.
double dilatationPercent(const FrameRelations& rel, bool spread)
{
    double sum = 0.0, squares = 0.0;
    int n = 0;
    for (std::size_t i = 0; i < rel.strainXX.size() && i < rel.strainYY.size(); ++i)
        if (std::isfinite(rel.strainXX[i]) && std::isfinite(rel.strainYY[i])) {
            const double d = 50.0 * (rel.strainXX[i] + rel.strainYY[i]);
            sum += d;
            squares += d * d;
            ++n;
        }
    if (n == 0 || (spread && n < 2))
        return std::numeric_limits<double>::quiet_NaN();
    const double mean = sum / n;
    return spread ? std::sqrt(std::max(0.0, (squares - n * mean * mean) / (n - 1))) : mean;
}

} // namespace

void PlotsPanel::buildTimeSeries(View view)
{
    const AnalysisResult& r = *mResult;
    const double len = r.pixel_nm > 0 ? r.pixel_nm : 1.0;
    const QString unit = lengthUnit();
    std::vector<int> events;
    if (view == View::Events) {
        events.assign(r.frames.size(), 0);
        // Event frames index result.frames; a desorption after the last frame has no point.
        for (const BehaviourEvent& e : r.behaviours.events)
            if (e.frame >= 0 && e.frame < int(events.size()))
                ++events[e.frame];
    }
    QVector<double> t, y;
    double low = std::numeric_limits<double>::infinity(), high = -low;
    for (std::size_t i = 0; i < r.frames.size(); ++i) {
        const FrameAnalysis& f = r.frames[i];
        const FrameRelations& rel = f.relations;
        // NaN where a frame has no value (no lattice fit, no bonds, no outline): a gap in the
        // line rather than a misleading zero.
        double v = kNaN;
        switch (view) {
        case View::Atoms: v = double(f.atoms.size()); break;
        case View::Spacing111: v = rel.lattice.valid ? rel.lattice.spacing111_px * len : kNaN; break;
        case View::Spacing200: v = rel.lattice.valid ? rel.lattice.spacing200_px * len : kNaN; break;
        case View::MeanNN: v = rel.meanNearestNeighbour_px > 0 ? rel.meanNearestNeighbour_px * len : kNaN; break;
        case View::Area: v = rel.particle.area_px2 > 0 ? rel.particle.area_px2 * len * len : kNaN; break;
        // Quality is measured by the patch classification; without it quality_dB was never measured
        // (frames.csv leaves it empty too).
        case View::Quality: v = f.patches.rows > 0 ? f.quality_dB : kNaN; break;
        case View::Events: v = double(events[i]); break;
        case View::SurfaceAtoms:
            v = double(std::count_if(f.atoms.begin(), f.atoms.end(), [](const Atom& a) { return a.site == SiteKind::Surface; }));
            break;
        case View::Diameter: v = rel.particle.equivalentDiameter_px > 0 ? rel.particle.equivalentDiameter_px * len : kNaN; break;
        case View::StrainMean:
        case View::StrainSpread: v = dilatationPercent(rel, view == View::StrainSpread); break;
        case View::Drift:
            v = i < r.tracking.drift_px.size() ? std::hypot(r.tracking.drift_px[i].x, r.tracking.drift_px[i].y) * len : kNaN;
            break;
        default: break;
        }
        t.push_back(f.time_s);
        y.push_back(v);
        if (std::isfinite(v)) {
            ++mPointCount;
            low = std::min(low, v);
            high = std::max(high, v);
        }
    }
    const bool counts = view == View::Atoms || view == View::Events || view == View::SurfaceAtoms;
    if (counts)
        integerTicks(mPlot->yAxis);
    QCPGraph* graph = mPlot->addGraph();
    // Long movies: a frame-to-frame zig-zag of hundreds of full-height segments drawn with a
    // wide antialiased pen costs hundreds of ms per redraw; a cosmetic pen without antialiasing
    // and without per-point discs draws the same curve in a few ms (and the points are denser
    // than the discs could show apart anyway).
    const bool dense = t.size() > kDenseSeries;
    graph->setPen(QPen(kMainColour, dense ? 0.0 : 1.5));
    graph->setAntialiased(!dense);
    graph->setScatterStyle(dense ? QCPScatterStyle(QCPScatterStyle::ssNone) : QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    graph->setLineStyle(view == View::Events ? QCPGraph::lsImpulse : QCPGraph::lsLine);
    graph->setData(t, y, true);

    mTitle->setText(mView->currentText());
    mPlot->xAxis->setLabel(tr("Time (%1)").arg(timeUnit()));
    const QString labels[] = {tr("Atoms"), tr("d{111} (%1)").arg(unit), tr("d{200} (%1)").arg(unit),
                              tr("Nearest-neighbour distance (%1)").arg(unit),
                              tr("Area (%1)").arg(unit + QChar(0x00B2)), tr("Quality (dB)"), tr("Events"),
                              tr("Surface atoms"), tr("Equivalent diameter (%1)").arg(unit),
                              tr("Mean (εxx + εyy)/2 (%)"), tr("Spread of (εxx + εyy)/2 (%)"), tr("Drift (%1)").arg(unit)};
    mPlot->yAxis->setLabel(labels[static_cast<int>(view)]);
    // One time point (a single image, or one frame analysed): a window of one frame either side,
    // not a sliver of a frame around it.
    const double oneFrame = mResult->frameInterval_s > 0 ? mResult->frameInterval_s : 1.0;
    mPlot->xAxis->setRange(t.isEmpty() ? QCPRange(0.0, 1.0)
                           : t.front() == t.back() ? QCPRange(t.front() - oneFrame, t.back() + oneFrame)
                                                   : padded(t.front(), t.back(), 0.03));
    if (mPointCount == 0)
        mPlot->yAxis->setRange(0.0, 1.0);
    else if (counts) // counts start at zero, so that their changes are seen in proportion
        mPlot->yAxis->setRange(0.0, std::max(1.0, high * 1.08));
    else
        mPlot->yAxis->setRange(padded(low, high, 0.08));
}

std::vector<QPointF> PlotsPanel::plottedPoints() const
{
    std::vector<QPointF> points;
    if (mPlot->graphCount() == 0)
        return points;
    const QSharedPointer<QCPGraphDataContainer> data = mPlot->graph(0)->data();
    for (auto it = data->constBegin(); it != data->constEnd(); ++it)
        points.emplace_back(it->key, it->value);
    return points;
}

void PlotsPanel::buildMsd()
{
    const AnalysisResult& r = *mResult;
    const double len2 = r.pixel_nm > 0 ? r.pixel_nm * r.pixel_nm : 1.0;
    // Without a frame interval the result counts time in frames, and so do the lags.
    const double dt = r.frameInterval_s > 0 ? r.frameInterval_s : 1.0;
    const auto& features = r.behaviours.features;
    // Mean per lag over the tracks long enough for it: longer lags rest on fewer, longer tracks.
    std::vector<double> sum, mean;
    std::vector<int> count;
    for (const TrackFeatures& f : features) {
        sum.resize(std::max(sum.size(), f.msd_px2.size()), 0.0);
        count.resize(sum.size(), 0);
        for (std::size_t k = 0; k < f.msd_px2.size(); ++k)
            if (std::isfinite(f.msd_px2[k])) {
                sum[k] += f.msd_px2[k];
                ++count[k];
            }
    }
    for (std::size_t k = 0; k < sum.size(); ++k)
        mean.push_back(count[k] > 0 ? sum[k] / count[k] : kNaN);
    double high = 0.0, longest = dt;
    // Lag k + 1 frames as a time, the MSD in nm² (px² uncalibrated); returns the points drawn.
    auto addCurve = [&](const std::vector<double>& msd, const QString& name, const QColor& colour,
                        QCPScatterStyle::ScatterShape shape) {
        QVector<double> lag, value;
        for (std::size_t k = 0; k < msd.size(); ++k)
            if (std::isfinite(msd[k])) {
                lag.push_back(double(k + 1) * dt);
                value.push_back(msd[k] * len2);
                high = std::max(high, value.back());
                longest = std::max(longest, lag.back());
            }
        QCPGraph* graph = mPlot->addGraph();
        graph->setName(name);
        graph->setPen(QPen(colour, 1.5));
        graph->setScatterStyle(QCPScatterStyle(shape, 5));
        graph->setData(lag, value, true);
        return int(lag.size());
    };
    mPointCount = addCurve(mean, tr("Mean of %n track(s)", nullptr, int(features.size())), kMainColour,
                           QCPScatterStyle::ssDisc);
    const auto selected = std::find_if(features.begin(), features.end(),
                                       [this](const TrackFeatures& f) { return f.trackId == mSelectedTrack; });
    if (mSelectedTrack >= 0 && selected != features.end())
        addCurve(selected->msd_px2, tr("Track %1").arg(mSelectedTrack), kTrackColour, QCPScatterStyle::ssSquare);
    mPlot->legend->setVisible(!features.empty());
    mTitle->setText(features.empty() ? tr("Mean squared displacement (no tracks yet)")
                                     : tr("Mean squared displacement"));
    mPlot->xAxis->setLabel(tr("Lag (%1)").arg(timeUnit()));
    mPlot->yAxis->setLabel(tr("MSD (%1)").arg(lengthUnit() + QChar(0x00B2)));
    mPlot->xAxis->setRange(0.0, longest * 1.05);
    mPlot->yAxis->setRange(0.0, high > 0 ? high * 1.08 : 1.0);
}

void PlotsPanel::buildHistogram(bool bonds)
{
    const AnalysisResult& r = *mResult;
    const double len = r.pixel_nm > 0 ? r.pixel_nm : 1.0;
    const bool all = mAllFrames->isChecked();
    // The current frame, or during a run, before it is analysed, the last analysed frame
    // (the title names the frame).
    std::size_t begin = 0, end = r.frames.size();
    if (!all && end > 0) {
        const int index = r.listIndexOf(mCurrentStackFrame);
        begin = index >= 0 ? std::size_t(index) : end - 1;
        end = begin + 1;
    }
    std::vector<double> values;
    for (std::size_t f = begin; f < end; ++f) {
        if (bonds)
            for (const Bond& b : r.frames[f].relations.bonds)
                values.push_back(b.length_px * len);
        else
            for (const Atom& a : r.frames[f].atoms)
                values.push_back(std::max(0, a.coordination));
    }
    const QString what = bonds ? tr("Bond lengths") : tr("Coordination numbers");
    mTitle->setText(r.frames.empty() ? tr("%1 (no frames yet)").arg(what)
                    : all            ? tr("%1, all %n frame(s)", nullptr, int(r.frames.size())).arg(what)
                                     : tr("%1, stack frame %2").arg(what).arg(r.frames[begin].frame));
    mPlot->xAxis->setLabel(bonds ? tr("Bond length (%1)").arg(lengthUnit()) : tr("Coordination number"));
    mPlot->yAxis->setLabel(bonds ? tr("Bonds") : tr("Atoms"));
    integerTicks(mPlot->yAxis);

    int bins = 0;
    double low = -0.5, width = 1.0; // coordination: one bar per neighbour count, from 0
    if (!values.empty()) {
        const auto [lowIt, highIt] = std::minmax_element(values.begin(), values.end());
        if (!bonds) {
            bins = int(*highIt) + 1;
        } else {
            // About √n bins resolve the two fcc [110] bond lengths (1 and 1.155 nn) from a few
            // hundred bonds on, without splitting a small sample into noise.
            bins = std::clamp(int(std::lround(std::sqrt(double(values.size())))), 5, 40);
            low = *lowIt;
            width = (*highIt - low) / bins;
            if (!(width > 0)) { // all bonds equally long: one bar
                bins = 1;
                width = std::max(std::abs(low) * 0.02, 1e-6);
                low -= width / 2;
            }
        }
    }
    QVector<double> centres(bins), counts(bins, 0.0);
    for (double v : values)
        counts[std::clamp(int((v - low) / width), 0, bins - 1)] += 1.0;
    for (int i = 0; i < bins; ++i)
        centres[i] = low + (i + 0.5) * width;
    auto* bars = new QCPBars(mPlot->xAxis, mPlot->yAxis);
    bars->setWidth(bonds ? width : 0.8);
    bars->setPen(QPen(kMainColour));
    bars->setBrush(QColor(60, 110, 180, 110));
    bars->setData(centres, counts, true);
    mPointCount = bins;
    if (!bonds) {
        integerTicks(mPlot->xAxis);
        mPlot->xAxis->setRange(-0.7, std::max(6, bins) - 0.3); // 0..6 at least: the fcc bulk value
    } else {
        mPlot->xAxis->setRange(bins > 0 ? padded(low, low + bins * width, 0.04) : QCPRange(0.0, 1.0));
    }
    const double top = counts.isEmpty() ? 0.0 : *std::max_element(counts.begin(), counts.end());
    mPlot->yAxis->setRange(0.0, top > 0 ? top * 1.08 : 1.0);
}

void PlotsPanel::updateFrameLine()
{
    const bool shown = mResult && !mResult->frames.empty() && mCurrentStackFrame >= 0 && isTimeView();
    mFrameLine->setVisible(shown);
    if (shown) {
        const int index = mResult->listIndexOf(mCurrentStackFrame);
        // A frame not analysed yet sits where the pipeline would put it (time_s: stack index
        // times the interval, or the index itself without one).
        const double t = index >= 0 ? mResult->frames[std::size_t(index)].time_s
                         : mResult->frameInterval_s > 0 ? mCurrentStackFrame * mResult->frameInterval_s
                                                        : double(mCurrentStackFrame);
        mFrameLine->point1->setCoords(t, 0.0);
        mFrameLine->point2->setCoords(t, 1.0);
    }
    mPlot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsPanel::plotPressed(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !mResult || mResult->frames.empty() || !isTimeView() ||
        !mPlot->axisRect()->rect().contains(event->position().toPoint()))
        return;
    const double t = mPlot->xAxis->pixelToCoord(event->position().x());
    const auto& frames = mResult->frames;
    std::size_t nearest = 0;
    for (std::size_t i = 1; i < frames.size(); ++i)
        if (std::abs(frames[i].time_s - t) < std::abs(frames[nearest].time_s - t))
            nearest = i;
    Q_EMIT frameRequested(frames[nearest].frame);
}

bool PlotsPanel::exportPlot(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return exportPlotData(path);
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf"))
        return false;
    // The size on screen, so that the file looks as the plot does; a hidden or squeezed panel
    // gets a legible default instead.
    int w = mPlot->width(), h = mPlot->height();
    if (w < 240 || h < 180) {
        w = 800;
        h = 500;
    }
    const int dpi = mPlot->logicalDpiX();
    // QSaveFile writes beside the target and renames on commit: a failure leaves no partial file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        // Twice the screen resolution, stated in the file, so it prints at the size shown and sharp.
        QImage image = mPlot->toPixmap(w, h, 2.0).toImage();
        image.setDotsPerMeterX(int(std::lround(2.0 * dpi / 0.0254)));
        image.setDotsPerMeterY(int(std::lround(2.0 * dpi / 0.0254)));
        ok = !image.isNull() && image.save(&file, "PNG");
    } else {
        // Vector formats at the screen's resolution: fonts keep their size relative to the plot.
        std::unique_ptr<QSvgGenerator> svg;
        std::unique_ptr<QPdfWriter> pdf;
        QPaintDevice* device = nullptr;
        if (suffix == QLatin1String("svg")) {
            svg = std::make_unique<QSvgGenerator>();
            svg->setOutputDevice(&file);
            svg->setSize(QSize(w, h));
            svg->setViewBox(QRect(0, 0, w, h));
            svg->setResolution(dpi);
            svg->setTitle(mTitle->text());
            device = svg.get();
        } else {
            pdf = std::make_unique<QPdfWriter>(&file);
            pdf->setResolution(dpi);
            pdf->setTitle(mTitle->text());
            // Page sizes are defined upright; a wide plot is an upright page turned on its side.
            const QSizeF points = QSizeF(std::min(w, h), std::max(w, h)) * 72.0 / dpi;
            pdf->setPageLayout(QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                                           w > h ? QPageLayout::Landscape : QPageLayout::Portrait, QMarginsF()));
            device = pdf.get();
        }
        QCPPainter painter;
        if (painter.begin(device)) {
            painter.setMode(QCPPainter::pmVectorized);
            mPlot->toPainter(&painter, w, h);
            ok = painter.end();
        }
    }
    return ok && file.commit();
}

bool PlotsPanel::exportPlotData(const QString& path)
{
    // The numbers behind the plot shown: one row per point, the axes' labels (with units) as
    // the header, empty where a frame has no value; C locale, as every CSV the program writes.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    auto quoted = [](QString text) { return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); };
    QByteArray out = (quoted(mPlot->xAxis->label()) + QLatin1Char(',') + quoted(mPlot->yAxis->label()) + QLatin1Char('\n')).toUtf8();
    for (const QPointF& p : plottedPoints()) {
        out += QByteArray::number(p.x(), 'g', 10) + ',';
        if (std::isfinite(p.y()))
            out += QByteArray::number(p.y(), 'g', 10);
        out += '\n';
    }
    return file.write(out) == out.size() && file.commit();
}

void PlotsPanel::exportClicked()
{
    QString folder;
    if (mResult && !mResult->inputPath.empty())
        folder = QFileInfo(QString::fromStdString(mResult->inputPath)).absolutePath();
    const QString png = tr("PNG image (*.png)"), svg = tr("SVG drawing (*.svg)"), pdf = tr("PDF document (*.pdf)");
    const QString csv = tr("The plotted data, CSV (*.csv)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QDir(folder).filePath(QStringLiteral("plot.png")),
                                                png + QStringLiteral(";;") + svg + QStringLiteral(";;") + pdf +
                                                    QStringLiteral(";;") + csv,
                                                &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) // the dialog does not add the chosen type's suffix everywhere
        path += filter == svg ? QStringLiteral(".svg")
                : filter == pdf ? QStringLiteral(".pdf")
                : filter == csv ? QStringLiteral(".csv")
                                : QStringLiteral(".png");
    if (!exportPlot(path))
        QMessageBox::warning(this, tr("Export plot"),
                             tr("Could not write %1. The name must end in .png, .svg, .pdf or .csv, in a folder you can "
                                "write to.").arg(QDir::toNativeSeparators(path)));
}

} // namespace hrtem::ui
