#pragma once
#include "core/io/stack.h"
#include "core/result/analysis_result.h"

#include <nlohmann/json_fwd.hpp>

#include <QDialog>
#include <QByteArray>
#include <QImage>
#include <QStringList>

#include <array>
#include <memory>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hrtem::ui {

/// File → Export results…: an output folder and what to write into it:
///  - the result files of `hrtem analyze` (atoms.csv, trajectories.csv, frames.csv, events.csv,
///    tracks.csv, twin_boundaries.csv, tracks.trackmate.xml, summary.json), written by core's
///    writeResults so that they are byte for byte what the CLI writes;
///  - the current view as view.png and view.svg;
///  - the analysed frames with their overlays (core's renderOverlay) as overlay.tif, a
///    multi-page RGB TIFF (core's TIFF writer) with the pixel size and frame interval.
/// Everything is written synchronously by exportNow() (the OK button calls it); the overlay
/// movie shows a cancellable progress dialog.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Output { ResultFiles, ViewPng, OverlayMovie };

    explicit ExportDialog(QWidget* parent = nullptr);
    ~ExportDialog() override;

    void setResult(std::shared_ptr<const hrtem::AnalysisResult> result);
    void setStack(std::shared_ptr<hrtem::StackReader> stack);
    void setViewImage(const QImage& image);
    /// The same view as SVG (vector overlays over the frame), written beside the PNG; empty: none.
    void setViewSvg(const QByteArray& svg);
    void setFolder(const QString& folder);
    QString folder() const;
    /// Merged into summary.json (writeResults' extraSummary), e.g. the session or command line.
    void setSummaryExtra(const nlohmann::json& extra);

    /// Ticks or unticks an output. An output whose input is missing (no result, no stack, no
    /// view image) stays unticked in the dialog and is not written, but is remembered.
    void setOutputEnabled(Output output, bool enabled);
    bool isOutputEnabled(Output output) const;
    /// Whether the dialog has what `output` needs.
    bool isOutputAvailable(Output output) const;

    /// Writes every ticked, available output into folder(). On failure returns false and puts a
    /// message naming the path and the problem into `error` (files written before it stay).
    bool exportNow(QString* error);
    /// Paths written by the last exportNow().
    QStringList writtenFiles() const { return mWritten; }

    static QString viewPngName() { return QStringLiteral("view.png"); }
    static QString viewSvgName() { return QStringLiteral("view.svg"); }
    static QString overlayMovieName() { return QStringLiteral("overlay.tif"); }

public Q_SLOTS:
    void accept() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateOutputs();
    QCheckBox* box(Output output) const;
    bool prepareFolder(const QString& folder, QString* error) const;
    bool writeOverlayMovie(const QString& path, QString* error);

    std::shared_ptr<const hrtem::AnalysisResult> mResult;
    std::shared_ptr<hrtem::StackReader> mStack;
    QImage mViewImage;
    QByteArray mViewSvg;
    std::unique_ptr<nlohmann::json> mSummaryExtra;
    std::array<bool, 3> mWanted{{true, true, false}};
    QStringList mWritten;
    bool mUpdating = false;
    bool mCancelled = false; ///< the last exportNow() was cancelled by the user

    QLabel* mFolderLabel;
    QLineEdit* mFolder;
    QPushButton* mBrowse;
    QCheckBox* mResultFiles;
    QCheckBox* mViewPng;
    QCheckBox* mOverlayMovie;
    QLabel* mNote;
    QDialogButtonBox* mButtons;
};

} // namespace hrtem::ui
