#include "ui/dialogs/simulation_dialog.h"
#include "ui/app/problem_message.h"

#include "core/sim/simulation.h"
#include "ui/document/background_job.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>

#include <atomic>
#include <memory>

namespace hrtem::ui {

namespace {
const int kSizes[] = {256, 512, 1024};
}

SimulationDialog::SimulationDialog(QWidget* parent) : QDialog(parent)
{
    mPreset = new QComboBox(this);
    for (const std::string& name : sim::presetNames())
        mPreset->addItem(QString::fromStdString(name));
    mPresetHelp = new QLabel(this);
    mPresetHelp->setWordWrap(true);
    mSeed = new QSpinBox(this);
    mSeed->setRange(0, 2147483647);
    mCounts = new QDoubleSpinBox(this);
    mCounts->setRange(0.5, 1e6);
    mCounts->setDecimals(1);
    mFrames = new QSpinBox(this);
    mFrames->setRange(1, 10000);
    mSize = new QComboBox(this);
    for (int size : kSizes)
        mSize->addItem(QStringLiteral("%1 × %1").arg(size), size);
    mTwin = new QCheckBox(this);
    mAdatoms = new QSpinBox(this);
    mAdatoms->setRange(0, 50);

    auto* form = new QFormLayout(this);
    auto row = [&](QWidget* field) {
        auto* label = new QLabel(this);
        mLabels.append(label);
        form->addRow(label, field);
    };
    row(mPreset);
    form->addRow(QString(), mPresetHelp);
    row(mSeed);
    row(mCounts);
    row(mFrames);
    row(mSize);
    row(mTwin);
    row(mAdatoms);

    mJob = new BackgroundJob(this);
    mButtons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    mOpen = mButtons->addButton(QString(), QDialogButtonBox::AcceptRole);
    mSave = mButtons->addButton(QString(), QDialogButtonBox::ActionRole);
    form->addRow(mButtons);
    connect(mButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mOpen, &QPushButton::clicked, this, [this] {
        Q_EMIT openRequested(settings());
        accept();
    });
    connect(mSave, &QPushButton::clicked, this, &SimulationDialog::saveToFolder);
    connect(mPreset, &QComboBox::currentIndexChanged, this, &SimulationDialog::loadPreset);
    loadPreset(0);
    retranslate();
}

void SimulationDialog::retranslate()
{
    setWindowTitle(tr("Simulate an in-situ HRTEM movie"));
    const QStringList labels = {tr("Preset"), tr("Seed"), tr("Dose (counts/px in vacuum)"), tr("Frames"),
                                tr("Frame size (px)"), tr("Twin boundary"), tr("Adatoms at start")};
    for (int i = 0; i < mLabels.size() && i < labels.size(); ++i)
        mLabels[i]->setText(labels[i]);
    mPreset->setToolTip(tr("The specimen and imaging conditions to start from; the fields below change them"));
    mSeed->setToolTip(tr("The same seed gives the same movie, byte for byte"));
    mCounts->setToolTip(tr("Electron dose per frame: mean counts per pixel in vacuum. Lower is noisier (5 is a low-dose movie)"));
    mFrames->setToolTip(tr("Number of frames in the movie"));
    mSize->setToolTip(tr("Width and height of each frame in pixels"));
    mTwin->setToolTip(tr("Put a twin boundary through the particle"));
    mAdatoms->setToolTip(tr("Atoms on the particle's surface at the first frame; they hop, adsorb and desorb"));
    mOpen->setText(tr("Open in viewer"));
    mSave->setText(tr("Save with ground truth…"));
    loadPreset(mPreset->currentIndex());
}

void SimulationDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void SimulationDialog::loadPreset(int index)
{
    const QString name = mPreset->itemText(index);
    mBase = sim::preset(name.toStdString());
    mSeed->setValue(static_cast<int>(mBase.seed));
    mCounts->setValue(mBase.countsPerPixel());
    mFrames->setValue(mBase.frames);
    mSize->setCurrentIndex(mSize->findData(mBase.width));
    mTwin->setChecked(mBase.specimen.twin);
    mAdatoms->setValue(mBase.specimen.adatoms);
    const QString help = name == QLatin1String("demo")       ? tr("The bundled demo: 60 counts per pixel, 40 frames.")
        : name == QLatin1String("train-hq")                  ? tr("High-dose training frames (200 counts/px), independent dynamics.")
        : name == QLatin1String("train-lq")                  ? tr("Low-dose, motion-blurred training frames (8 counts/px), independent dynamics.")
        : name == QLatin1String("high")                      ? tr("The demo's dynamics at about 200 counts per pixel.")
        : name == QLatin1String("medium")                    ? tr("The demo's dynamics at about 20 counts per pixel.")
                                                             : tr("The demo's dynamics at about 6 counts per pixel.");
    mPresetHelp->setText(help);
}

sim::SimulationSettings SimulationDialog::settings() const
{
    sim::SimulationSettings s = mBase;
    s.seed = static_cast<std::uint64_t>(mSeed->value());
    s.frames = mFrames->value();
    s.width = s.height = mSize->currentData().toInt();
    s.specimen.twin = mTwin->isChecked();
    s.specimen.adatoms = mAdatoms->value();
    s.setCountsPerPixel(mCounts->value());
    return s;
}

void SimulationDialog::saveToFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Save the simulation into"));
    if (folder.isEmpty())
        return;
    const sim::SimulationSettings s = settings();
    auto* progress = new QProgressDialog(tr("Simulating %1 frames…").arg(s.frames), tr("Cancel"), 0, 100, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    connect(progress, &QProgressDialog::canceled, mJob, &BackgroundJob::cancel);
    connect(mJob, &BackgroundJob::progress, progress, [progress](double f) { progress->setValue(static_cast<int>(f * 100)); });
    // One connection per save: disconnected when the job reports, whatever the outcome.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(mJob, &BackgroundJob::finished, this,
                          [this, progress, folder, connection](BackgroundJob::Outcome outcome, const QString& problem) {
                              QObject::disconnect(*connection);
                              progress->close();
                              progress->deleteLater();
                              if (outcome == BackgroundJob::Outcome::Failed) {
                                  showProblem(this, tr("Simulation failed"), tr("The simulated movie was not saved."), problem);
                              } else if (outcome == BackgroundJob::Outcome::Done) {
                                  Q_EMIT saved(folder);
                                  accept();
                              }
                          });
    mJob->start([s, folder](const Progress& progress) {
        const sim::Simulation simulation(s);
        sim::writeSimulation(simulation, folder.toStdString(), progress);
    });
}

} // namespace hrtem::ui
