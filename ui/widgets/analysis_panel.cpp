#include "ui/widgets/analysis_panel.h"

#include "core/io/io_error.h"
#include "ui/document/analysis_command.h"
#include "ui/app/problem_message.h"
#include "ui/widgets/setting_editor.h"

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

constexpr int kNoFrameLimit = 1000000;

} // namespace

AnalysisPanel::AnalysisPanel(QWidget* parent) : QWidget(parent)
{
    auto* formWidget = new QWidget(this);
    auto* formLayout = new QVBoxLayout(formWidget);
    formLayout->setContentsMargins(0, 0, 0, 0);
    // One editor per setting, in a group box per stage, in the descriptions' order.
    QFormLayout* form = nullptr;
    for (const SettingDescription& d : analysisSettingDescriptions()) {
        if (mGroups.empty() || mGroups.back().first != d.stage) {
            auto* box = new QGroupBox(formWidget);
            form = new QFormLayout(box);
            form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
            formLayout->addWidget(box);
            mGroups.emplace_back(d.stage, box);
        }
        auto* editor = new SettingEditor(d, this);
        auto* label = new QLabel(this);
        label->setBuddy(editor->field());
        form->addRow(label, editor);
        mEditors.push_back(editor);
        mEditorLabels.push_back(label);
        connect(editor, &SettingEditor::edited, this, &AnalysisPanel::edited);
    }
    formLayout->addStretch(1);

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
    retranslate();
    setSettings(AnalysisSettings{});
}

void AnalysisPanel::retranslate()
{
    for (const auto& [stage, box] : mGroups)
        box->setTitle(SettingEditor::translated(stage));
    for (std::size_t i = 0; i < mEditors.size(); ++i) {
        mEditors[i]->retranslate();
        mEditorLabels[i]->setText(SettingEditor::translated(mEditors[i]->description().title));
    }

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

SettingEditor* AnalysisPanel::editor(const std::string& key) const
{
    for (SettingEditor* e : mEditors)
        if (e->description().key == key)
            return e;
    return nullptr;
}

void AnalysisPanel::setSettings(const AnalysisSettings& s)
{
    mUpdating = true;
    mBase = s;
    for (SettingEditor* e : mEditors) {
        const SettingDescription& d = e->description();
        e->setValue(d.get(s));
        mShown[d.key] = e->value();
    }
    mUpdating = false;
    updateEnabled();
}

AnalysisSettings AnalysisPanel::settings() const
{
    AnalysisSettings s = mBase;
    // An editor still showing what setSettings() put there keeps the exact value given.
    for (SettingEditor* e : mEditors) {
        const nlohmann::json value = e->value();
        if (value != mShown.at(e->description().key))
            e->description().set(s, value);
    }
    return s;
}

void AnalysisPanel::setFrameCount(int count)
{
    mFrameCount = std::max(0, count);
    // An edited frame editor is the user's value (clamped to the stack, as they see it); an
    // unedited one keeps the value setSettings() gave, even where the new range clamps its display.
    const bool wasUpdating = mUpdating;
    mUpdating = true;
    for (const char* key : {"first_frame", "end_frame"}) {
        SettingEditor* e = editor(key);
        const bool edited = e->value() != mShown[key];
        if (std::string(key) == "first_frame")
            e->setRange(0, mFrameCount > 0 ? mFrameCount - 1 : kNoFrameLimit - 1);
        else
            e->setRange(-1, mFrameCount > 0 ? mFrameCount : kNoFrameLimit);
        if (edited)
            e->description().set(mBase, e->value());
        mShown[key] = e->value();
    }
    mUpdating = wasUpdating;
}

void AnalysisPanel::setRunning(bool running)
{
    mRunning = running;
    updateEnabled();
}

void AnalysisPanel::updateEnabled()
{
    for (const auto& group : mGroups)
        group.second->setEnabled(!mRunning);
    // A setting that acts only with another's value ("restore=gan") is greyed without it.
    for (SettingEditor* e : mEditors) {
        const std::string& when = e->description().enabledWhen;
        const std::size_t equals = when.find('=');
        if (equals == std::string::npos)
            continue;
        const SettingEditor* other = editor(when.substr(0, equals));
        const nlohmann::json value = other != nullptr ? other->value() : nlohmann::json();
        const std::string text = value.is_boolean() ? (value.get<bool>() ? "true" : "false") : settingValueText(value);
        e->setEnabled(text == when.substr(equals + 1));
    }
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
        showProblem(this, tr("Cannot load settings"), tr("The settings in “%1” were not loaded.").arg(QFileInfo(path).fileName()), error, path);
}

void AnalysisPanel::showSaveDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save analysis settings"), QStringLiteral("settings.json"),
                                                      tr("Settings (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveSettingsFile(path, &error))
        showProblem(this, tr("Cannot save settings"), tr("The settings were not saved."), error, path);
}

} // namespace hrtem::ui
