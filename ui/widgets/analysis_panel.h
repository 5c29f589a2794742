#pragma once
#include "core/result/analysis_settings.h"

#include <nlohmann/json.hpp>

#include <QWidget>

#include <map>
#include <string>
#include <utility>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace hrtem::ui {

class SettingEditor;

/// The analysis pipeline's stages and parameters as a form: one editor per described setting
/// (core/result/setting_descriptions.h), grouped by stage, with Run/Cancel, a progress bar
/// showing the stage and the time left, and a log. It runs nothing itself: the main window's
/// document runs the analysis when runRequested() is emitted and reports back through
/// setRunning(), setProgress() and appendLog().
///
/// settings() returns exactly what setSettings() was given for every field the user has not
/// edited (including fields the form does not show), so a session reloads and re-runs
/// identically.
class AnalysisPanel : public QWidget {
    Q_OBJECT
public:
    explicit AnalysisPanel(QWidget* parent = nullptr);

    void setSettings(const hrtem::AnalysisSettings& settings);
    hrtem::AnalysisSettings settings() const;
    /// Limits the frame spin boxes to the open stack (0: no stack, no limit).
    void setFrameCount(int count);
    /// While running: Run disabled, Cancel enabled, the form read-only.
    void setRunning(bool running);
    bool isRunning() const { return mRunning; }
    /// `stage` as core names it ("frames", "tracking", "behaviours", "done"); `fraction` 0..1 of
    /// the whole run; `secondsLeft` < 0: unknown.
    void setProgress(const QString& stage, double fraction, double secondsLeft);
    QString progressText() const;
    void appendLog(const QString& line);
    void clearLog();
    QString logText() const;

    /// The stack analysed, for the command line ("" when none).
    void setInputPath(const QString& path);
    /// Frames finished and to do in this run, shown with the progress; total 0 hides them.
    void setFramesDone(int done, int total);
    /// Loads a settings file (`hrtem analyze --config` JSON, or a summary.json) into the form;
    /// false with `error` naming the file and the problem.
    bool loadSettingsFile(const QString& path, QString* error);
    bool saveSettingsFile(const QString& path, QString* error) const;
    /// The `hrtem analyze` command for these settings and the input, into <input>_analysis/.
    QString commandLine() const;
    /// Puts commandLine() on the clipboard.
    void copyCommandLine();

    QPushButton* runButton() const { return mRun; }
    QPushButton* cancelButton() const { return mCancel; }
    QPushButton* defaultsButton() const { return mDefaults; }

    /// Display name of a core stage name ("frames" → "Localizing frames").
    static QString stageDisplayName(const QString& stage);
    /// "12 s", "3 min 05 s", "1 h 02 min".
    static QString durationText(double seconds);

Q_SIGNALS:
    void runRequested();
    void cancelRequested();
    /// The user changed a parameter (not emitted by setSettings()).
    void settingsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateEnabled();
    void edited();
    void resetToDefaults();
    void showLoadDialog();
    void showSaveDialog();

    /// The editor of setting `key` (its JSON path); null if there is none.
    SettingEditor* editor(const std::string& key) const;

    hrtem::AnalysisSettings mBase; ///< the last setSettings(); unedited fields come from here
    /// What each editor showed right after setSettings() (by key): an editor still showing it
    /// keeps mBase's exact value (spin boxes round and clamp).
    std::map<std::string, nlohmann::json> mShown;
    bool mUpdating = false;
    bool mRunning = false;
    int mFrameCount = 0;
    QString mStage;
    double mFraction = 0.0;
    double mSecondsLeft = -1.0;

    /// One per setting (setting_descriptions.h), in group boxes per stage, with their labels.
    std::vector<SettingEditor*> mEditors;
    std::vector<QLabel*> mEditorLabels;
    std::vector<std::pair<std::string, QGroupBox*>> mGroups; ///< stage name, its box
    QPushButton* mRun;
    QPushButton* mCancel;
    QPushButton* mDefaults;
    QPushButton* mLoad;
    QPushButton* mSave;
    QPushButton* mCopyCommand;
    QString mInputPath;
    int mFramesDone = 0;
    int mFramesTotal = 0;
    QProgressBar* mProgress;
    QLabel* mProgressLabel;
    QPlainTextEdit* mLog;
};

} // namespace hrtem::ui
