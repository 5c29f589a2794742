#include "ui/widgets/analysis_panel.h"

#include "core/relate/crystal_models.h"

#include "core/io/io_error.h"
#include "ui/document/analysis_command.h"

#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTime>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace hrtem::ui {

namespace {

const char* const kRestoreMethods[] = {"none", "wiener", "absf", "nlm", "bm3d", "gan"};
const char* const kDevices[] = {"auto", "cpu", "cuda"};
constexpr int kNoFrameLimit = 1000000;

int polarityIndex(LocalizationSettings::Polarity p)
{
    switch (p) {
    case LocalizationSettings::Polarity::Dark: return 1;
    case LocalizationSettings::Polarity::Bright: return 2;
    default: return 0;
    }
}

LocalizationSettings::Polarity polarityAt(int index)
{
    switch (index) {
    case 1: return LocalizationSettings::Polarity::Dark;
    case 2: return LocalizationSettings::Polarity::Bright;
    default: return LocalizationSettings::Polarity::Auto;
    }
}

/// Index of `value` among the combo's item data; -1 when it is not there.
int dataIndex(const QComboBox* combo, const std::string& value)
{
    return combo->findData(QString::fromStdString(value));
}

} // namespace

AnalysisPanel::AnalysisPanel(QWidget* parent) : QWidget(parent)
{
    auto* formWidget = new QWidget(this);
    auto* formLayout = new QVBoxLayout(formWidget);
    formLayout->setContentsMargins(0, 0, 0, 0);
    auto group = [&](QGroupBox*& box) {
        box = new QGroupBox(formWidget);
        auto* form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
        formLayout->addWidget(box);
        return form;
    };
    auto row = [&](QFormLayout* form, QWidget* field) {
        auto* label = new QLabel(this);
        label->setBuddy(field);
        mLabels.append(label);
        form->addRow(label, field);
    };

    // Frames
    QFormLayout* frames = group(mFramesBox);
    mFirstFrame = new QSpinBox(this);
    mEndFrame = new QSpinBox(this);
    mFirstFrame->setRange(0, kNoFrameLimit - 1);
    mEndFrame->setRange(0, kNoFrameLimit); // 0 shows the special text: to the last frame (-1)
    row(frames, mFirstFrame);
    row(frames, mEndFrame);

    // Restoration
    QFormLayout* restore = group(mRestoreBox);
    mRestore = new QComboBox(this);
    for (const char* method : kRestoreMethods)
        mRestore->addItem(QString(), QString::fromLatin1(method));
    mGanWeights = new QLineEdit(this);
    mGanWeights->setClearButtonEnabled(true);
    mGanBrowse = new QPushButton(this);
    auto* weightsRow = new QWidget(this);
    auto* weightsLayout = new QHBoxLayout(weightsRow);
    weightsLayout->setContentsMargins(0, 0, 0, 0);
    weightsLayout->addWidget(mGanWeights, 1);
    weightsLayout->addWidget(mGanBrowse);
    mDevice = new QComboBox(this);
    for (const char* device : kDevices)
        mDevice->addItem(QString(), QString::fromLatin1(device));
    row(restore, mRestore);
    row(restore, weightsRow);
    mLabels.last()->setBuddy(mGanWeights);
    row(restore, mDevice);

    // Patch classification
    QFormLayout* patches = group(mPatchBox);
    mClassify = new QCheckBox(this);
    mPatchSize = new QSpinBox(this);
    mPatchSize->setRange(8, 1024);
    mPatchSize->setSingleStep(8);
    row(patches, mClassify);
    row(patches, mPatchSize);

    // Localization
    QFormLayout* localize = group(mLocalizeBox);
    mPolarity = new QComboBox(this);
    mPolarity->addItems({QString(), QString(), QString()}); // auto, dark, bright
    mThreshold = new QDoubleSpinBox(this);
    mThreshold->setRange(0.0, 100.0);
    mThreshold->setDecimals(2);
    mThreshold->setSingleStep(0.25);
    mPeriod = new QDoubleSpinBox(this);
    mPeriod->setRange(0.0, 1000.0);
    mPeriod->setDecimals(3);
    mPeriod->setSingleStep(0.1);
    mCrystalOnly = new QCheckBox(this);
    mFitPasses = new QSpinBox(this);
    mFitPasses->setRange(1, 10);
    mLatticeFill = new QCheckBox(this);
    mFillThreshold = new QDoubleSpinBox(this);
    mFillThreshold->setRange(0.0, 100.0);
    mFillThreshold->setDecimals(2);
    mFillThreshold->setSingleStep(0.25);
    mReversed = new QCheckBox(this);
    row(localize, mPolarity);
    row(localize, mThreshold);
    row(localize, mPeriod);
    row(localize, mCrystalOnly);
    row(localize, mFitPasses);
    row(localize, mLatticeFill);
    row(localize, mFillThreshold);
    row(localize, mReversed);

    // Relations
    QFormLayout* relations = group(mRelationsBox);
    mBondCut = new QDoubleSpinBox(this);
    mBondCut->setRange(1.0, 2.0);
    mBondCut->setDecimals(3);
    mBondCut->setSingleStep(0.05);
    row(relations, mBondCut);
    mStructure = new QComboBox(this);
    for (const std::string& name : structureNames())
        mStructure->addItem(QString(), QString::fromStdString(name));
    mLatticeConstant = new QDoubleSpinBox(this);
    mLatticeConstant->setRange(0.0, 10.0);
    mLatticeConstant->setDecimals(4);
    mLatticeConstant->setSingleStep(0.001);
    row(relations, mStructure);
    row(relations, mLatticeConstant);

    // Tracking
    QFormLayout* tracking = group(mTrackingBox);
    mMaxGap = new QSpinBox(this);
    mMaxGap->setRange(0, 50);
    row(tracking, mMaxGap);

    // Threads
    QFormLayout* threads = group(mThreadsBox);
    mThreads = new QSpinBox(this);
    mThreads->setRange(0, 1024);
    row(threads, mThreads);
    formLayout->addStretch(1);
    // Object names follow the JSON keys' meaning, for tests and style sheets.
    mFirstFrame->setObjectName(QStringLiteral("firstFrame"));
    mEndFrame->setObjectName(QStringLiteral("endFrame"));
    mRestore->setObjectName(QStringLiteral("restore"));
    mGanWeights->setObjectName(QStringLiteral("ganWeights"));
    mGanBrowse->setObjectName(QStringLiteral("ganBrowse"));
    mDevice->setObjectName(QStringLiteral("device"));
    mClassify->setObjectName(QStringLiteral("classifyPatches"));
    mPatchSize->setObjectName(QStringLiteral("patchSize"));
    mPolarity->setObjectName(QStringLiteral("polarity"));
    mThreshold->setObjectName(QStringLiteral("threshold"));
    mPeriod->setObjectName(QStringLiteral("period"));
    mCrystalOnly->setObjectName(QStringLiteral("crystalOnly"));
    mFitPasses->setObjectName(QStringLiteral("fitPasses"));
    mLatticeFill->setObjectName(QStringLiteral("latticeFill"));
    mFillThreshold->setObjectName(QStringLiteral("fillThreshold"));
    mReversed->setObjectName(QStringLiteral("reversedContrast"));
    mBondCut->setObjectName(QStringLiteral("bondCut"));
    mStructure->setObjectName(QStringLiteral("structure"));
    mLatticeConstant->setObjectName(QStringLiteral("latticeConstant"));
    mMaxGap->setObjectName(QStringLiteral("maxGap"));
    mThreads->setObjectName(QStringLiteral("threads"));

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(formWidget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    mRun = new QPushButton(this);
    mRun->setDefault(true);
    mCancel = new QPushButton(this);
    mDefaults = new QPushButton(this);
    mRun->setObjectName(QStringLiteral("run"));
    mCancel->setObjectName(QStringLiteral("cancel"));
    mDefaults->setObjectName(QStringLiteral("defaults"));
    mLoad = new QPushButton(this);
    mSave = new QPushButton(this);
    mCopyCommand = new QPushButton(this);
    mLoad->setObjectName(QStringLiteral("loadSettings"));
    mSave->setObjectName(QStringLiteral("saveSettings"));
    mCopyCommand->setObjectName(QStringLiteral("copyCommand"));
    auto* fileButtons = new QHBoxLayout;
    fileButtons->addWidget(mLoad);
    fileButtons->addWidget(mSave);
    fileButtons->addStretch(1);
    fileButtons->addWidget(mCopyCommand);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(mDefaults);
    buttons->addStretch(1);
    buttons->addWidget(mRun);
    buttons->addWidget(mCancel);

    mProgress = new QProgressBar(this);
    mProgress->setRange(0, 1000);
    mProgress->setValue(0);
    mProgress->setTextVisible(false); // the label below says stage, percentage and time left
    mProgressLabel = new QLabel(this);
    mProgressLabel->setWordWrap(true);
    mLog = new QPlainTextEdit(this);
    mLog->setReadOnly(true);
    mLog->setLineWrapMode(QPlainTextEdit::NoWrap);
    mLog->setMaximumBlockCount(10000);
    mLog->setMinimumHeight(80);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 3);
    layout->addLayout(fileButtons);
    layout->addLayout(buttons);
    layout->addWidget(mProgress);
    layout->addWidget(mProgressLabel);
    layout->addWidget(mLog, 1);

    connect(mRun, &QPushButton::clicked, this, [this] {
        if (!mRunning)
            Q_EMIT runRequested();
    });
    connect(mCancel, &QPushButton::clicked, this, [this] {
        if (mRunning)
            Q_EMIT cancelRequested();
    });
    connect(mDefaults, &QPushButton::clicked, this, &AnalysisPanel::resetToDefaults);
    connect(mLoad, &QPushButton::clicked, this, &AnalysisPanel::showLoadDialog);
    connect(mSave, &QPushButton::clicked, this, &AnalysisPanel::showSaveDialog);
    connect(mCopyCommand, &QPushButton::clicked, this, &AnalysisPanel::copyCommandLine);
    connect(mGanBrowse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("HRTEM-GAN weights"), mGanWeights->text(),
                                                          tr("Safetensors weights (*.safetensors);;All files (*)"));
        if (!file.isEmpty())
            mGanWeights->setText(file);
    });
    for (QSpinBox* box : {mFirstFrame, mEndFrame, mPatchSize, mFitPasses, mMaxGap, mThreads})
        connect(box, &QSpinBox::valueChanged, this, &AnalysisPanel::edited);
    for (QDoubleSpinBox* box : {mThreshold, mPeriod, mFillThreshold, mBondCut, mLatticeConstant})
        connect(box, &QDoubleSpinBox::valueChanged, this, &AnalysisPanel::edited);
    for (QComboBox* box : {mRestore, mDevice, mPolarity, mStructure})
        connect(box, &QComboBox::currentIndexChanged, this, &AnalysisPanel::edited);
    for (QCheckBox* box : {mClassify, mCrystalOnly, mLatticeFill, mReversed})
        connect(box, &QCheckBox::toggled, this, &AnalysisPanel::edited);
    connect(mGanWeights, &QLineEdit::textChanged, this, &AnalysisPanel::edited);

    retranslate();
    setSettings(AnalysisSettings{});
}

void AnalysisPanel::retranslate()
{
    mFramesBox->setTitle(tr("Frames"));
    mRestoreBox->setTitle(tr("Restoration"));
    mPatchBox->setTitle(tr("Patch classification"));
    mLocalizeBox->setTitle(tr("Localization"));
    mRelationsBox->setTitle(tr("Relations"));
    mTrackingBox->setTitle(tr("Tracking"));
    mThreadsBox->setTitle(tr("Threads"));

    const QStringList labels = {tr("First frame"),         tr("End frame"),           tr("Method"),
                                tr("GAN weights"),         tr("Device"),              tr("Classify patches"),
                                tr("Patch size"),          tr("Column contrast"),     tr("Detection threshold"),
                                tr("Lattice period"),      tr("Crystal only"),        tr("Fit passes"),
                                tr("Lattice fill"),        tr("Fill threshold"),      tr("Reversed contrast"),
                                tr("Bond cut"),            tr("Structure"),           tr("Lattice constant"),
                                tr("Max gap"),             tr("Threads")};
    for (int i = 0; i < mLabels.size() && i < labels.size(); ++i)
        mLabels[i]->setText(labels[i]);

    mFirstFrame->setToolTip(tr("First frame analysed (0-based index in the stack)"));
    mEndFrame->setSpecialValueText(tr("all (to the last frame)"));
    mEndFrame->setToolTip(tr("Analysis stops before this frame (0-based, exclusive); at the minimum the "
                             "analysis runs to the last frame of the stack"));

    const QStringList methods = {tr("None (raw frames)"), tr("Wiener filter"),   tr("ABSF (background subtraction)"),
                                 tr("Non-local means"),   tr("BM3D"),            tr("HRTEM-GAN (neural network)")};
    for (int i = 0; i < mRestore->count() && i < methods.size(); ++i)
        mRestore->setItemText(i, methods[i]);
    mRestore->setToolTip(tr("Denoising applied to each frame before atom columns are located. Wiener and ABSF "
                            "filter the lattice in Fourier space; non-local means and BM3D average similar "
                            "patches; HRTEM-GAN is a trained network, best at low dose (a few counts per pixel)"));
    mGanWeights->setPlaceholderText(tr("the shipped weights"));
    mGanWeights->setToolTip(tr("HRTEM-GAN weights file (.safetensors) used for the GAN restoration; leave empty "
                               "for the weights shipped with HRTEM Studio"));
    mGanBrowse->setText(tr("Browse…"));
    mGanBrowse->setToolTip(tr("Choose a HRTEM-GAN weights file"));
    const QStringList devices = {tr("Automatic (GPU if present)"), tr("CPU"), tr("GPU (CUDA)")};
    for (int i = 0; i < mDevice->count() && i < devices.size(); ++i)
        mDevice->setItemText(i, devices[i]);
    mDevice->setToolTip(tr("Where the HRTEM-GAN network runs: a CUDA GPU is much faster than the CPU"));

    mClassify->setText(tr("On"));
    mClassify->setToolTip(tr("Classify square patches of each frame as crystal, amorphous or vacuum, so that "
                             "columns are only searched where there is crystal and the crystal fraction is reported"));
    mPatchSize->setSuffix(tr(" px"));
    mPatchSize->setToolTip(tr("Side of the classified patches in pixels: larger patches see more lattice "
                              "fringes, smaller ones follow the particle's edge more closely"));

    const QStringList polarities = {tr("Automatic"), tr("Dark columns"), tr("Bright columns")};
    for (int i = 0; i < mPolarity->count() && i < polarities.size(); ++i)
        mPolarity->setItemText(i, polarities[i]);
    mPolarity->setToolTip(tr("Whether atom columns image dark or bright on this defocus and thickness; "
                             "automatic decides from each frame"));
    mThreshold->setSpecialValueText(tr("automatic"));
    mThreshold->setSuffix(tr(" σ"));
    mThreshold->setToolTip(tr("A candidate column must stand out from the background by this many noise "
                              "standard deviations (σ); 0 chooses it from each frame's noise. Raise it to drop "
                              "false columns in noisy frames, lower it to find faint ones"));
    mPeriod->setSpecialValueText(tr("from the FFT"));
    mPeriod->setSuffix(tr(" px"));
    mPeriod->setToolTip(tr("Lattice fringe period in pixels, which sets the expected column spacing; 0 "
                           "measures it from each frame's FFT"));
    mCrystalOnly->setText(tr("On"));
    mCrystalOnly->setToolTip(tr("Search for columns only where lattice fringes are seen (plus a margin), not "
                                "in vacuum or amorphous carbon"));
    mFitPasses->setToolTip(tr("Passes of 2-D Gaussian fitting; each later pass subtracts the neighbours' fits, "
                              "which helps closely spaced columns (1 is fastest)"));
    mLatticeFill->setText(tr("On"));
    mLatticeFill->setToolTip(tr("Look again at the sites the found columns' lattice predicts and accept "
                                "weaker columns there"));
    mFillThreshold->setSuffix(tr(" σ"));
    mFillThreshold->setToolTip(tr("Evidence, in noise standard deviations (σ), needed to accept a column at a "
                                  "lattice-predicted site"));
    mReversed->setText(tr("On"));
    mReversed->setToolTip(tr("Also accept columns of the opposite contrast where the crystal is thick "
                             "(contrast reversal)"));

    mBondCut->setSuffix(tr(" × NN"));
    mBondCut->setToolTip(tr("Two columns are bonded when closer than this many nearest-neighbour (NN) "
                            "spacings. For fcc [110] the long bond is 1.155 NN and the next distance 1.633 NN"));
    const QStringList structures = {tr("Automatic (from the lattice)"), tr("fcc"), tr("bcc"), tr("hcp"),
                                    tr("Rock-salt"), tr("Fluorite"), tr("Perovskite"), tr("Graphene-like")};
    for (int i = 0; i < mStructure->count() && i < structures.size(); ++i)
        mStructure->setItemText(i, structures[i]);
    mStructure->setToolTip(tr("Crystal model whose plane indices name the measured lattice's spacings; its zone "
                              "axis is identified from the measured cell. A model that does not fit is reported, "
                              "not forced. Automatic names fcc [110] by its shape and otherwise keeps 2-D indices"));
    mLatticeConstant->setSuffix(tr(" nm"));
    mLatticeConstant->setSpecialValueText(tr("from the data"));
    mLatticeConstant->setToolTip(tr("The model's lattice constant a; when given, a measured cell more than 5% "
                                    "away from it does not fit. 0 takes a from the data"));
    mMaxGap->setSuffix(tr(" frames"));
    mMaxGap->setToolTip(tr("A track may miss a column in up to this many consecutive frames (blinking, "
                           "noise) and still be continued"));
    mThreads->setSpecialValueText(tr("one per core"));
    mThreads->setToolTip(tr("Frames analysed at the same time; 0 uses one per processor core. Results do not "
                            "depend on it"));

    mRun->setText(tr("Run"));
    mRun->setToolTip(tr("Analyse the open stack with these parameters"));
    mCancel->setText(tr("Cancel"));
    mCancel->setToolTip(tr("Stop after the current frame; the frames already finished are kept"));
    mDefaults->setText(tr("Defaults"));
    mDefaults->setToolTip(tr("Reset every parameter to its default (the frame range is kept)"));
    mLoad->setText(tr("Load…"));
    mLoad->setToolTip(tr("Load parameters from a settings file (hrtem analyze --config) or a summary.json"));
    mSave->setText(tr("Save…"));
    mSave->setToolTip(tr("Save these parameters as a settings file for hrtem analyze --config"));
    mCopyCommand->setText(tr("Copy command line"));
    mCopyCommand->setToolTip(tr("Put the hrtem analyze command that runs this analysis on the clipboard"));
    mProgress->setToolTip(tr("Progress of the whole analysis"));
    mLog->setToolTip(tr("What the analysis did and decided, with times"));
    mLog->setPlaceholderText(tr("The analysis log appears here"));
    setProgress(mStage, mFraction, mSecondsLeft);
}

void AnalysisPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void AnalysisPanel::setSettings(const AnalysisSettings& s)
{
    mUpdating = true;
    mBase = s;
    const LocalizationSettings& l = s.localization;
    mFirstFrame->setValue(s.firstFrame);
    mEndFrame->setValue(s.endFrame < 0 ? 0 : s.endFrame);
    const int restore = dataIndex(mRestore, s.restore);
    mRestore->setCurrentIndex(std::max(0, restore));
    mGanWeights->setText(QString::fromStdString(s.ganWeights));
    mDevice->setCurrentIndex(std::max(0, dataIndex(mDevice, s.device)));
    mClassify->setChecked(s.classifyPatches);
    mPatchSize->setValue(s.patchSize);
    mPolarity->setCurrentIndex(polarityIndex(l.polarity));
    mThreshold->setValue(l.threshold);
    mPeriod->setValue(l.period_px);
    mCrystalOnly->setChecked(l.crystalOnly);
    mFitPasses->setValue(l.fitPasses);
    mLatticeFill->setChecked(l.latticeFill);
    mFillThreshold->setValue(l.fillThreshold);
    mReversed->setChecked(l.reversedContrast);
    mBondCut->setValue(s.bondCut);
    StructureChoice structure;
    try {
        structure = parseStructure(s.structure);
    } catch (const std::invalid_argument&) {
        // analysisSettingsFromJson checks it; a hand-built struct shows as automatic.
    }
    mStructure->setCurrentIndex(std::max(0, dataIndex(mStructure, structure.name)));
    mLatticeConstant->setValue(structure.a_nm);
    mMaxGap->setValue(s.maxGap);
    mThreads->setValue(s.threads);

    mShown.firstFrame = mFirstFrame->value();
    mShown.endFrame = mEndFrame->value();
    mShown.restore = mRestore->currentIndex();
    mShown.ganWeights = mGanWeights->text();
    mShown.device = mDevice->currentIndex();
    mShown.classify = mClassify->isChecked();
    mShown.patchSize = mPatchSize->value();
    mShown.polarity = mPolarity->currentIndex();
    mShown.threshold = mThreshold->value();
    mShown.period = mPeriod->value();
    mShown.crystalOnly = mCrystalOnly->isChecked();
    mShown.fitPasses = mFitPasses->value();
    mShown.latticeFill = mLatticeFill->isChecked();
    mShown.fillThreshold = mFillThreshold->value();
    mShown.reversed = mReversed->isChecked();
    mShown.bondCut = mBondCut->value();
    mShown.structure = mStructure->currentIndex();
    mShown.latticeConstant = mLatticeConstant->value();
    mShown.maxGap = mMaxGap->value();
    mShown.threads = mThreads->value();
    mUpdating = false;
    updateEnabled();
}

AnalysisSettings AnalysisPanel::settings() const
{
    AnalysisSettings s = mBase;
    LocalizationSettings& l = s.localization;
    // A widget still showing what setSettings() put there keeps the exact value given.
    if (mFirstFrame->value() != mShown.firstFrame)
        s.firstFrame = mFirstFrame->value();
    if (mEndFrame->value() != mShown.endFrame)
        s.endFrame = mEndFrame->value() == 0 ? -1 : mEndFrame->value();
    if (mRestore->currentIndex() != mShown.restore)
        s.restore = mRestore->currentData().toString().toStdString();
    if (mGanWeights->text() != mShown.ganWeights)
        s.ganWeights = mGanWeights->text().toStdString();
    if (mDevice->currentIndex() != mShown.device)
        s.device = mDevice->currentData().toString().toStdString();
    if (mClassify->isChecked() != mShown.classify)
        s.classifyPatches = mClassify->isChecked();
    if (mPatchSize->value() != mShown.patchSize)
        s.patchSize = mPatchSize->value();
    if (mPolarity->currentIndex() != mShown.polarity)
        l.polarity = polarityAt(mPolarity->currentIndex());
    if (mThreshold->value() != mShown.threshold)
        l.threshold = mThreshold->value();
    if (mPeriod->value() != mShown.period)
        l.period_px = mPeriod->value();
    if (mCrystalOnly->isChecked() != mShown.crystalOnly)
        l.crystalOnly = mCrystalOnly->isChecked();
    if (mFitPasses->value() != mShown.fitPasses)
        l.fitPasses = mFitPasses->value();
    if (mLatticeFill->isChecked() != mShown.latticeFill)
        l.latticeFill = mLatticeFill->isChecked();
    if (mFillThreshold->value() != mShown.fillThreshold)
        l.fillThreshold = mFillThreshold->value();
    if (mReversed->isChecked() != mShown.reversed)
        l.reversedContrast = mReversed->isChecked();
    if (mBondCut->value() != mShown.bondCut)
        s.bondCut = mBondCut->value();
    if (mStructure->currentIndex() != mShown.structure || mLatticeConstant->value() != mShown.latticeConstant) {
        StructureChoice structure;
        structure.name = mStructure->currentData().toString().toStdString();
        if (structure.name != "auto") {
            structure.a_nm = mLatticeConstant->value();
            try { // a hexagonal c the panel does not show is kept while the structure stays
                const StructureChoice base = parseStructure(mBase.structure);
                if (base.name == structure.name)
                    structure.c_nm = base.c_nm;
            } catch (const std::invalid_argument&) {
            }
        }
        s.structure = structureText(structure);
    }
    if (mMaxGap->value() != mShown.maxGap)
        s.maxGap = mMaxGap->value();
    if (mThreads->value() != mShown.threads)
        s.threads = mThreads->value();
    return s;
}

void AnalysisPanel::setFrameCount(int count)
{
    mFrameCount = std::max(0, count);
    // An edited frame spin box is the user's value (clamped to the stack, as they see it); an
    // unedited one keeps the value setSettings() gave, even where the new range clamps its display.
    const bool firstEdited = mFirstFrame->value() != mShown.firstFrame;
    const bool endEdited = mEndFrame->value() != mShown.endFrame;
    const bool wasUpdating = mUpdating;
    mUpdating = true;
    mFirstFrame->setRange(0, mFrameCount > 0 ? mFrameCount - 1 : kNoFrameLimit - 1);
    mEndFrame->setRange(0, mFrameCount > 0 ? mFrameCount : kNoFrameLimit);
    mUpdating = wasUpdating;
    if (firstEdited)
        mBase.firstFrame = mFirstFrame->value();
    if (endEdited)
        mBase.endFrame = mEndFrame->value() == 0 ? -1 : mEndFrame->value();
    mShown.firstFrame = mFirstFrame->value();
    mShown.endFrame = mEndFrame->value();
}

void AnalysisPanel::setRunning(bool running)
{
    mRunning = running;
    updateEnabled();
}

void AnalysisPanel::updateEnabled()
{
    for (QGroupBox* box : {mFramesBox, mRestoreBox, mPatchBox, mLocalizeBox, mRelationsBox, mTrackingBox, mThreadsBox})
        box->setEnabled(!mRunning);
    const bool gan = mRestore->currentData().toString() == QLatin1String("gan");
    mGanWeights->setEnabled(gan);
    mGanBrowse->setEnabled(gan);
    mDevice->setEnabled(gan);
    mPatchSize->setEnabled(mClassify->isChecked());
    mFillThreshold->setEnabled(mLatticeFill->isChecked());
    mLatticeConstant->setEnabled(mStructure->currentData().toString() != QLatin1String("auto"));
    mRun->setEnabled(!mRunning);
    mCancel->setEnabled(mRunning);
    mDefaults->setEnabled(!mRunning);
    mLoad->setEnabled(!mRunning);
}

void AnalysisPanel::edited()
{
    updateEnabled();
    if (!mUpdating)
        Q_EMIT settingsChanged();
}

void AnalysisPanel::resetToDefaults()
{
    const AnalysisSettings current = settings();
    AnalysisSettings defaults;
    defaults.firstFrame = current.firstFrame;
    defaults.endFrame = current.endFrame;
    setSettings(defaults);
    Q_EMIT settingsChanged();
}

QString AnalysisPanel::stageDisplayName(const QString& stage)
{
    if (stage == QLatin1String("frames"))
        return tr("Localizing frames");
    if (stage == QLatin1String("tracking"))
        return tr("Tracking columns");
    if (stage == QLatin1String("behaviours"))
        return tr("Recognising behaviours");
    if (stage == QLatin1String("done"))
        return tr("Done");
    return stage;
}

QString AnalysisPanel::durationText(double seconds)
{
    const long long s = std::llround(std::max(0.0, seconds));
    if (s < 60)
        return tr("%1 s").arg(s);
    if (s < 3600)
        return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

void AnalysisPanel::setProgress(const QString& stage, double fraction, double secondsLeft)
{
    mStage = stage;
    mFraction = std::isfinite(fraction) ? std::clamp(fraction, 0.0, 1.0) : 0.0;
    mSecondsLeft = secondsLeft;
    mProgress->setValue(static_cast<int>(std::lround(mFraction * 1000)));
    if (stage.isEmpty()) {
        mProgressLabel->setText(tr("Not running"));
        return;
    }
    const QString percent = tr("%1 %").arg(static_cast<int>(std::lround(mFraction * 100)));
    QString text = stageDisplayName(stage) + QStringLiteral(" — ") + percent;
    if (mFramesTotal > 0)
        text += QStringLiteral(" — ") + tr("%1 of %2 frames").arg(mFramesDone).arg(mFramesTotal);
    if (stage != QLatin1String("done"))
        text += QStringLiteral(" — ") +
            (secondsLeft < 0 ? tr("time left unknown") : tr("%1 left").arg(durationText(secondsLeft)));
    mProgressLabel->setText(text);
}

QString AnalysisPanel::progressText() const
{
    return mProgressLabel->text();
}

void AnalysisPanel::appendLog(const QString& line)
{
    const QString stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    mLog->appendPlainText(stamp + QStringLiteral("  ") + line);
}

void AnalysisPanel::clearLog()
{
    mLog->clear();
}

QString AnalysisPanel::logText() const
{
    return mLog->toPlainText();
}

void AnalysisPanel::setInputPath(const QString& path) { mInputPath = path; }

void AnalysisPanel::setFramesDone(int done, int total)
{
    mFramesDone = done;
    mFramesTotal = total;
    if (!mStage.isEmpty())
        setProgress(mStage, mFraction, mSecondsLeft);
}

bool AnalysisPanel::loadSettingsFile(const QString& path, QString* error)
{
    try {
        setSettings(readAnalysisSettingsFile(path.toStdString()));
    } catch (const std::exception& e) {
        if (error != nullptr)
            *error = QString::fromStdString(e.what());
        return false;
    }
    Q_EMIT settingsChanged();
    return true;
}

bool AnalysisPanel::saveSettingsFile(const QString& path, QString* error) const
{
    try {
        writeAnalysisSettingsFile(settings(), path.toStdString());
    } catch (const std::exception& e) {
        if (error != nullptr)
            *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

QString AnalysisPanel::commandLine() const
{
    const QString input = mInputPath.isEmpty() ? tr("MOVIE") : mInputPath;
    const QFileInfo info(input);
    const QString out = mInputPath.isEmpty() ? tr("RESULTS")
                                             : QDir(info.path()).filePath(info.completeBaseName() + QStringLiteral("_analysis"));
    return analyzeCommandLine(settings(), input, out);
}

void AnalysisPanel::copyCommandLine()
{
    QGuiApplication::clipboard()->setText(commandLine());
    appendLog(tr("Command line copied: %1").arg(commandLine()));
}

void AnalysisPanel::showLoadDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load analysis settings"), QString(),
                                                      tr("Settings (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!loadSettingsFile(path, &error))
        QMessageBox::warning(this, tr("Cannot load settings"), error);
}

void AnalysisPanel::showSaveDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save analysis settings"), QStringLiteral("settings.json"),
                                                      tr("Settings (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveSettingsFile(path, &error))
        QMessageBox::warning(this, tr("Cannot save settings"), error);
}

} // namespace hrtem::ui
