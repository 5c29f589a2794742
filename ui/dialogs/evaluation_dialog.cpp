#include "ui/dialogs/evaluation_dialog.h"

#include "ui/image_bridge.h"
#include "ui/plot/qcustomplot_include.h"

#include "core/io/io_error.h"
#include "core/restore/restore.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <opencv2/core.hpp>

#include <cmath>

namespace hrtem::ui {
namespace {

// Columns of the scores table: a title and where the value sits in evaluation.json.
struct ScoreColumn {
    const char* title; // translated in retranslate()
    std::vector<const char*> path;
    int decimals;
};

const std::vector<ScoreColumn>& scoreColumns()
{
    static const std::vector<ScoreColumn> columns = {
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "PSNR (dB)"), {"psnr_db"}, 2},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "SSIM"), {"ssim"}, 3},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "FID"), {"fid"}, 3},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "KL"), {"kl"}, 4},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "Seg. precision"), {"segmentation", "precision"}, 3},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "Dice"), {"segmentation", "dice"}, 3},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "IoU"), {"segmentation", "iou"}, 3},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "Localization F1"), {"localization", "f1"}, 3},
        {QT_TRANSLATE_NOOP("hrtem::ui::EvaluationDialog", "Seconds / frame"), {"seconds_per_frame"}, 3},
    };
    return columns;
}

/// The number at `path` in `j`, or NaN (absent or null: FID/KL without a feature network).
double valueAt(const nlohmann::json& j, const std::vector<const char*>& path)
{
    const nlohmann::json* at = &j;
    for (const char* key : path) {
        if (!at->is_object() || !at->contains(key))
            return std::nan("");
        at = &(*at)[key];
    }
    return at->is_number() ? at->get<double>() : std::nan("");
}

/// One colour per set of the map, the reference first (black).
QColor setColour(int index)
{
    static const QColor colours[] = {QColor(20, 20, 20),    QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194),
                                     QColor(127, 127, 127), QColor(188, 189, 34), QColor(23, 190, 207)};
    return colours[index % int(std::size(colours))];
}

} // namespace

EvaluationDialog::EvaluationDialog(QWidget* parent)
    : QDialog(parent), mSummary(new QLabel), mOpen(new QPushButton), mRun(new QPushButton), mCancel(new QPushButton),
      mVariants(new QPushButton),
      mFrames(new QSpinBox), mFramesLabel(new QLabel), mProgress(new QProgressBar), mTabs(new QTabWidget),
      mTable(new QTableWidget), mMap(new QCustomPlot), mSpectra(new QWidget), mSpectraGrid(new QGridLayout(mSpectra)),
      mProcess(new QProcess(this))
{
    mSummary->setWordWrap(true);
    mSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mFrames->setRange(1, 1000);
    mFrames->setValue(8);
    mProgress->setRange(0, 100);
    mProgress->setVisible(false);
    mCancel->setVisible(false);
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mTable->verticalHeader()->setVisible(false);
    mMap->legend->setVisible(true);
    mMap->legend->setBrush(QColor(255, 255, 255, 190)); // the points under it stay visible
    mMap->setMinimumSize(420, 320);
    auto* scroll = new QScrollArea;
    scroll->setWidget(mSpectra);
    scroll->setWidgetResizable(true);
    mTabs->addTab(mTable, QString());
    mTabs->addTab(mMap, QString());
    mTabs->addTab(scroll, QString());

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mOpen);
    buttons->addWidget(mRun);
    buttons->addWidget(mVariants);
    buttons->addWidget(mFramesLabel);
    buttons->addWidget(mFrames);
    buttons->addStretch(1);
    buttons->addWidget(mProgress, 1);
    buttons->addWidget(mCancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(mSummary);
    layout->addWidget(mTabs, 1);
    resize(900, 600);

    connect(mOpen, &QPushButton::clicked, this, &EvaluationDialog::chooseFolder);
    connect(mRun, &QPushButton::clicked, this, &EvaluationDialog::chooseSimulation);
    connect(mVariants, &QPushButton::clicked, this, &EvaluationDialog::chooseVariants);
    connect(mCancel, &QPushButton::clicked, mProcess, &QProcess::kill);
    connect(mProcess, &QProcess::readyReadStandardError, this, &EvaluationDialog::readProgress);
    connect(mProcess, &QProcess::finished, this, &EvaluationDialog::processEnded);
    retranslate();
}

EvaluationDialog::~EvaluationDialog()
{
    // A run does not outlive the dialog that would show it.
    if (mProcess->state() != QProcess::NotRunning) {
        mProcess->disconnect(this);
        mProcess->kill();
        mProcess->waitForFinished(5000);
    }
}

void EvaluationDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void EvaluationDialog::retranslate()
{
    setWindowTitle(tr("Restoration evaluation"));
    mOpen->setText(tr("Open results…"));
    mOpen->setToolTip(tr("A folder written by hrtem evaluate-restoration --figures"));
    mRun->setText(tr("Evaluate a simulation…"));
    mRun->setToolTip(tr("Run every restoration method on a movie written by File → Simulate movie (or hrtem simulate) "
                        "and score it against the movie's noise-free frames"));
    mFramesLabel->setText(tr("Frames"));
    mVariants->setText(mVariantWeights.isEmpty() ? tr("Compare weights…") : tr("Compare weights (%1)…").arg(mVariantWeights.size()));
    mVariants->setToolTip(mVariantWeights.isEmpty()
                              ? tr("Other HRTEM-GAN weights to compare with the methods, such as the thesis' chapter-4 variants "
                                   "(hrtem train gan with mask_weight, hrtem train joint)")
                              : mVariantWeights.join(QLatin1Char('\n')));
    mCancel->setText(tr("Cancel"));
    mTabs->setTabText(0, tr("Scores"));
    mTabs->setTabText(1, tr("t-SNE map"));
    mTabs->setTabText(2, tr("Spectra"));
    if (mSummary->text().isEmpty() || mTable->rowCount() == 0)
        mSummary->setText(tr("Open the results of hrtem evaluate-restoration, or evaluate a simulated movie."));
    QStringList headers = {tr("Method")};
    for (const ScoreColumn& c : scoreColumns())
        headers << tr(c.title);
    mTable->setColumnCount(int(headers.size()));
    mTable->setHorizontalHeaderLabels(headers);
    mMap->xAxis->setLabel(tr("t-SNE 1"));
    mMap->yAxis->setLabel(tr("t-SNE 2"));
    mMap->replot();
}

void EvaluationDialog::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open restoration evaluation"));
    if (!folder.isEmpty())
        openFolder(folder);
}

void EvaluationDialog::chooseSimulation()
{
    const QString simulation = QFileDialog::getExistingDirectory(this, tr("Simulated movie to evaluate (a folder with movie.tif and truth/)"));
    if (simulation.isEmpty())
        return;
    run(simulation, QDir(simulation).filePath(QStringLiteral("evaluation")));
}

void EvaluationDialog::chooseVariants()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("HRTEM-GAN weights to compare (none: only the methods)"),
                                                            QString(), tr("Safetensors weights (*.safetensors)"));
    setVariantWeights(files);
}

void EvaluationDialog::setVariantWeights(const QStringList& weights)
{
    mVariantWeights = weights;
    retranslate();
}

QStringList EvaluationDialog::variantArguments(const QStringList& weights)
{
    // The CLI refuses a label that is a method's name (or its perfect row's) or used twice.
    QStringList taken = {QStringLiteral("noise-free")};
    using restore::RestoreMethod;
    for (RestoreMethod m : {RestoreMethod::None, RestoreMethod::Wiener, RestoreMethod::Absf, RestoreMethod::Nlm, RestoreMethod::Bm3d,
                            RestoreMethod::Gan})
        taken << QString::fromStdString(restore::toString(m));
    QStringList out;
    for (const QString& file : weights) {
        const QString base = QFileInfo(file).completeBaseName();
        QString label = base.isEmpty() ? QStringLiteral("variant") : base;
        for (int n = 2; taken.contains(label, Qt::CaseInsensitive); ++n)
            label = base + QStringLiteral("-") + QString::number(n);
        taken << label;
        out << QStringLiteral("--variant") << label + QLatin1Char('=') + file;
    }
    return out;
}

bool EvaluationDialog::openFolder(const QString& folder)
{
    try {
        display(readEvaluationFolder(folder.toStdString()));
        mProblem.clear();
        return true;
    } catch (const std::exception& e) {
        setProblem(QString::fromStdString(e.what()));
        return false;
    }
}

void EvaluationDialog::setProblem(const QString& problem)
{
    mProblem = problem;
    mSummary->setText(tr("Could not show the evaluation: %1").arg(problem));
}

void EvaluationDialog::display(const EvaluationFolder& e)
{
    const nlohmann::json& s = e.scores;
    QString summary = tr("%1: %2 frame(s) at %3 counts/px, scored against its noise-free frames.")
                          .arg(QString::fromStdString(s.value("simulation", e.folder)))
                          .arg(s.value("frames", 0))
                          .arg(s.value("counts_per_pixel", 0.0));
    if (!s.value("feature_network", std::string()).empty())
        summary += QStringLiteral(" ") + tr("FID and KL: features of %1, against %2.")
                                             .arg(QString::fromStdString(s.value("feature_network", std::string())),
                                                  QString::fromStdString(s.value("hq_reference", std::string())));
    mSummary->setText(summary + QStringLiteral("\n") + QString::fromStdString(e.folder));
    showTable(e);
    showMap(e);
    showSpectra(e);
}

void EvaluationDialog::showTable(const EvaluationFolder& e)
{
    // One row per method; a generator trained with a guided segmenter (hrtem train joint) gets a
    // second row below it with that segmenter's own scores.
    std::vector<std::pair<QString, nlohmann::json>> rows;
    for (const nlohmann::json& m : e.scores["methods"]) {
        const QString method = QString::fromStdString(m.value("method", std::string("?")));
        rows.emplace_back(method, m);
        if (m.contains("guided_segmentation") && m["guided_segmentation"].is_object())
            rows.emplace_back(tr("%1: its guided segmenter").arg(method), nlohmann::json{{"segmentation", m["guided_segmentation"]}});
    }
    mTable->setRowCount(int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        mTable->setItem(r, 0, new QTableWidgetItem(rows[std::size_t(r)].first));
        for (int c = 0; c < int(scoreColumns().size()); ++c) {
            const double v = valueAt(rows[std::size_t(r)].second, scoreColumns()[std::size_t(c)].path);
            auto* item = new QTableWidgetItem(std::isnan(v) ? QStringLiteral("–")
                                                            : QString::number(v, 'f', scoreColumns()[std::size_t(c)].decimals));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            mTable->setItem(r, c + 1, item);
        }
    }
}

void EvaluationDialog::showMap(const EvaluationFolder& e)
{
    mMap->clearGraphs();
    const std::vector<std::string> sets = e.mapSets();
    for (int k = 0; k < int(sets.size()); ++k) {
        QVector<double> x, y;
        for (const EvaluationFolder::MapPoint& p : e.map)
            if (p.set == sets[std::size_t(k)]) {
                x.push_back(p.x);
                y.push_back(p.y);
            }
        QCPGraph* graph = mMap->addGraph();
        graph->setName(QString::fromStdString(sets[std::size_t(k)]));
        graph->setLineStyle(QCPGraph::lsNone);
        QColor colour = setColour(k);
        graph->setPen(QPen(colour));
        colour.setAlpha(150);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, k == 0 ? 6 : 4));
        graph->setData(x, y);
    }
    mMap->rescaleAxes();
    // A margin, so that the outermost points are drawn whole rather than cut by the axes.
    mMap->xAxis->scaleRange(1.08, mMap->xAxis->range().center());
    mMap->yAxis->scaleRange(1.08, mMap->yAxis->range().center());
    mMap->replot();
}

void EvaluationDialog::showSpectra(const EvaluationFolder& e)
{
    while (QLayoutItem* item = mSpectraGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    constexpr int kColumns = 4;
    for (int k = 0; k < int(e.spectra.size()); ++k) {
        const cv::Mat& image = e.spectra[std::size_t(k)].image;
        double low = 0, high = 1;
        cv::minMaxLoc(image, &low, &high);
        auto* picture = new QLabel;
        picture->setPixmap(QPixmap::fromImage(renderFrame(image, low, high)).scaled(192, 192, Qt::KeepAspectRatio, Qt::SmoothTransformation));
        picture->setToolTip(tr("Mean Hann-windowed log power spectrum of the patches restored with %1")
                                .arg(QString::fromStdString(e.spectra[std::size_t(k)].method)));
        auto* caption = new QLabel(QString::fromStdString(e.spectra[std::size_t(k)].method));
        caption->setAlignment(Qt::AlignHCenter);
        mSpectraGrid->addWidget(picture, 2 * (k / kColumns), k % kColumns);
        mSpectraGrid->addWidget(caption, 2 * (k / kColumns) + 1, k % kColumns);
    }
    mSpectraShown = int(e.spectra.size());
}

bool EvaluationDialog::run(const QString& simulation, const QString& output)
{
    if (running())
        return false;
    const QString program = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("hrtem"));
    const QString cli = QFileInfo::exists(program) ? program : QString::fromLocal8Bit(qgetenv("HRTEM_CLI"));
    if (cli.isEmpty() || !QFileInfo(cli).isExecutable()) {
        setProblem(tr("the command-line program hrtem is not beside this program (%1)").arg(program));
        return false;
    }
    mOutput = output;
    mStderrTail.clear();
    mProgress->setValue(0);
    mProgress->setVisible(true);
    mCancel->setVisible(true);
    mRun->setEnabled(false);
    mOpen->setEnabled(false);
    mVariants->setEnabled(false);
    mSummary->setText(tr("Evaluating %1…").arg(simulation));
    mProcess->start(cli, QStringList{QStringLiteral("evaluate-restoration"), QStringLiteral("--truth"), simulation,
                                     QStringLiteral("--frames"), QString::number(mFrames->value()), QStringLiteral("--figures"), output}
                             + variantArguments(mVariantWeights));
    return true;
}

bool EvaluationDialog::running() const { return mProcess->state() != QProcess::NotRunning; }

void EvaluationDialog::readProgress()
{
    // The CLI's progress bar: "\r<stage> [####------] 45%, ...".
    mStderrTail = (mStderrTail + QString::fromLocal8Bit(mProcess->readAllStandardError())).right(4000);
    static const QRegularExpression bar(QStringLiteral("([^\\r\\n]*) \\[[#-]+\\] (\\d+)%"));
    QRegularExpressionMatch last;
    for (auto it = bar.globalMatch(mStderrTail); it.hasNext();)
        last = it.next();
    if (last.hasMatch()) {
        mProgress->setValue(last.captured(2).toInt());
        mProgress->setFormat(last.captured(1).trimmed() + QStringLiteral(" %p%"));
    }
}

void EvaluationDialog::processEnded(int exitCode, QProcess::ExitStatus status)
{
    mProgress->setVisible(false);
    mCancel->setVisible(false);
    mRun->setEnabled(true);
    mOpen->setEnabled(true);
    mVariants->setEnabled(true);
    bool ok = false;
    if (status != QProcess::NormalExit) {
        setProblem(tr("the evaluation was stopped"));
    } else if (exitCode != 0) {
        const QStringList lines = mStderrTail.split(QRegularExpression(QStringLiteral("[\\r\\n]")), Qt::SkipEmptyParts);
        setProblem(tr("hrtem evaluate-restoration failed: %1").arg(lines.isEmpty() ? tr("exit status %1").arg(exitCode) : lines.last().trimmed()));
    } else {
        ok = openFolder(mOutput);
    }
    Q_EMIT runFinished(ok);
}

} // namespace hrtem::ui
