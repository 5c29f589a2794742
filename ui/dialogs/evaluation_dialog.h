#pragma once
// View → Restoration → Restoration evaluation… (issue 34): the paper's comparison of restoration
// methods in the window. Runs `hrtem evaluate-restoration` on a simulated movie (a child
// process: scoring against ground truth lives in core/evaluate, which the window does not link)
// or opens a folder it wrote (other GAN weights, such as the chapter-4 variants, can join the
// comparison), and shows the scores table (PSNR, SSIM, FID, KL, segmentation
// precision/Dice/IoU, localization F1), the t-SNE map of the patches and each method's mean
// Hann-windowed log spectrum.
#include "ui/document/evaluation_folder.h"

#include <QDialog>
#include <QProcess>

class QCustomPlot;
class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;

namespace hrtem::ui {

class EvaluationDialog : public QDialog {
    Q_OBJECT
public:
    explicit EvaluationDialog(QWidget* parent = nullptr);
    ~EvaluationDialog() override;

    /// Shows a folder written by `hrtem evaluate-restoration --figures`. False (and the reason
    /// in the dialog and problem()) when it cannot be read.
    bool openFolder(const QString& folder);
    /// Starts `hrtem evaluate-restoration` on a folder written by `hrtem simulate`, into
    /// `output`; the dialog shows the result when it ends. False when it cannot start.
    bool run(const QString& simulation, const QString& output);
    bool running() const;
    QString problem() const { return mProblem; }
    /// Other HRTEM-GAN weights compared with the methods (the thesis' chapter-4 variants, a
    /// retrained generator): each becomes a row named after its file.
    void setVariantWeights(const QStringList& weights);
    QStringList variantWeights() const { return mVariantWeights; }
    /// The `--variant LABEL=FILE` arguments for `weights`: labels are the files' names without
    /// extension, made unique and kept apart from the methods' names.
    static QStringList variantArguments(const QStringList& weights);

    // What is shown (for the tests and the screenshots).
    QTableWidget* scoresTable() const { return mTable; }
    QCustomPlot* mapPlot() const { return mMap; }
    int spectraShown() const { return mSpectraShown; }

Q_SIGNALS:
    /// A run ended: with its folder shown (ok) or with problem().
    void runFinished(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void chooseFolder();
    void chooseSimulation();
    void chooseVariants();
    void display(const EvaluationFolder& e);
    void showTable(const EvaluationFolder& e);
    void showMap(const EvaluationFolder& e);
    void showSpectra(const EvaluationFolder& e);
    void setProblem(const QString& problem);
    void readProgress();
    void processEnded(int exitCode, QProcess::ExitStatus status);

    QLabel* mSummary;
    QPushButton* mOpen;
    QPushButton* mRun;
    QPushButton* mCancel;
    QPushButton* mVariants;
    QSpinBox* mFrames;
    QLabel* mFramesLabel;
    QProgressBar* mProgress;
    QTabWidget* mTabs;
    QTableWidget* mTable;
    QCustomPlot* mMap;
    QWidget* mSpectra;
    QGridLayout* mSpectraGrid;
    QProcess* mProcess;
    QString mOutput;
    QString mProblem;
    QString mStderrTail;
    QStringList mVariantWeights;
    int mSpectraShown = 0;
};

} // namespace hrtem::ui
