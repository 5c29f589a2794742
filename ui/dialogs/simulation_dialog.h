#pragma once
#include "core/sim/settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace hrtem::ui {

class BackgroundJob;

/// File → Simulate movie…: choose a preset and the few parameters people change (seed, dose,
/// frames, size, twin, adatoms), then open the movie in the viewer (rendered as it is viewed)
/// or save it with its ground truth to a folder (in the background, cancellable).
class SimulationDialog : public QDialog {
    Q_OBJECT
public:
    explicit SimulationDialog(QWidget* parent = nullptr);
    sim::SimulationSettings settings() const;

Q_SIGNALS:
    /// The user chose "Open in viewer".
    void openRequested(const sim::SimulationSettings& settings);
    /// A save finished: the folder holds movie.tif and truth/.
    void saved(const QString& folder);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void loadPreset(int index);
    void saveToFolder();

    sim::SimulationSettings mBase;
    QComboBox* mPreset;
    QLabel* mPresetHelp;
    QSpinBox* mSeed;
    QDoubleSpinBox* mCounts;
    QSpinBox* mFrames;
    QComboBox* mSize;
    QCheckBox* mTwin;
    QSpinBox* mAdatoms;
    QPushButton* mOpen;
    QPushButton* mSave;
    QDialogButtonBox* mButtons;
    QList<QLabel*> mLabels;
    BackgroundJob* mJob; ///< the save to a folder (owned; cancels and waits when the dialog goes)
};

} // namespace hrtem::ui
