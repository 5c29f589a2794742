#include "ui/dialogs/export_dialog.h"
#include "ui/app/problem_message.h"

#include "core/export/overlay_image.h"
#include "core/export/result_files.h"
#include "core/io/tiff/tiff_writer.h"

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cstring>
#include <exception>

namespace hrtem::ui {

namespace {

int index(ExportDialog::Output output)
{
    return static_cast<int>(output);
}

} // namespace

ExportDialog::ExportDialog(QWidget* parent) : QDialog(parent)
{
    mFolderLabel = new QLabel(this);
    mFolder = new QLineEdit(this);
    mFolder->setClearButtonEnabled(true);
    mFolderLabel->setBuddy(mFolder);
    mBrowse = new QPushButton(this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(mFolderLabel);
    folderRow->addWidget(mFolder, 1);
    folderRow->addWidget(mBrowse);

    mResultFiles = new QCheckBox(this);
    mViewPng = new QCheckBox(this);
    mOverlayMovie = new QCheckBox(this);
    mNote = new QLabel(this);
    mFolder->setObjectName(QStringLiteral("folder"));
    mResultFiles->setObjectName(QStringLiteral("resultFiles"));
    mViewPng->setObjectName(QStringLiteral("viewPng"));
    mOverlayMovie->setObjectName(QStringLiteral("overlayMovie"));
    mNote->setWordWrap(true);

    mButtons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(mButtons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(mButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(folderRow);
    layout->addWidget(mResultFiles);
    layout->addWidget(mViewPng);
    layout->addWidget(mOverlayMovie);
    layout->addWidget(mNote);
    layout->addStretch(1);
    layout->addWidget(mButtons);

    connect(mBrowse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Export into"), mFolder->text());
        if (!folder.isEmpty())
            mFolder->setText(folder);
    });
    for (Output output : {Output::ResultFiles, Output::ViewPng, Output::OverlayMovie})
        connect(box(output), &QCheckBox::toggled, this, [this, output](bool on) {
            if (!mUpdating)
                mWanted[index(output)] = on;
            updateOutputs();
        });
    connect(mFolder, &QLineEdit::textChanged, this, &ExportDialog::updateOutputs);
    retranslate();
    updateOutputs();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::retranslate()
{
    setWindowTitle(tr("Export results"));
    mFolderLabel->setText(tr("Folder"));
    mFolder->setToolTip(tr("Folder the files are written into (created if missing); files of the same name "
                           "are replaced"));
    mBrowse->setText(tr("Browse…"));
    mBrowse->setToolTip(tr("Choose the output folder"));
    mResultFiles->setText(tr("All result files (CSV tables, TrackMate XML, summary.json)"));
    mResultFiles->setToolTip(tr("atoms.csv, trajectories.csv, frames.csv, events.csv, tracks.csv, "
                                "twin_boundaries.csv, tracks.trackmate.xml and summary.json: the same files, "
                                "byte for byte, as hrtem analyze writes"));
    mViewPng->setText(tr("Current view as PNG and SVG (%1, %2)").arg(viewPngName(), viewSvgName()));
    mViewPng->setToolTip(tr("The frame as the viewer shows it now, with its contrast and overlays"));
    mOverlayMovie->setText(tr("Movie with overlays as multi-page TIFF (%1)").arg(overlayMovieName()));
    mOverlayMovie->setToolTip(tr("Every analysed frame with bonds, atom columns, track tails, twin boundaries and "
                                 "the particle outline drawn on it, as an RGB TIFF stack at twice the frame's "
                                 "size that Fiji/ImageJ opens with the pixel size and frame interval"));
    mButtons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    updateOutputs();
}

void ExportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

QCheckBox* ExportDialog::box(Output output) const
{
    switch (output) {
    case Output::ResultFiles: return mResultFiles;
    case Output::ViewPng: return mViewPng;
    default: return mOverlayMovie;
    }
}

void ExportDialog::setResult(std::shared_ptr<const AnalysisResult> result)
{
    mResult = std::move(result);
    updateOutputs();
}

void ExportDialog::setStack(std::shared_ptr<StackReader> stack)
{
    mStack = std::move(stack);
    updateOutputs();
}

void ExportDialog::setViewImage(const QImage& image)
{
    mViewImage = image;
    updateOutputs();
}

void ExportDialog::setViewSvg(const QByteArray& svg) { mViewSvg = svg; }

void ExportDialog::setFolder(const QString& folder)
{
    mFolder->setText(folder);
}

QString ExportDialog::folder() const
{
    return mFolder->text().trimmed();
}

void ExportDialog::setSummaryExtra(const nlohmann::json& extra)
{
    mSummaryExtra = std::make_unique<nlohmann::json>(extra);
}

void ExportDialog::setOutputEnabled(Output output, bool enabled)
{
    mWanted[index(output)] = enabled;
    updateOutputs();
}

bool ExportDialog::isOutputEnabled(Output output) const
{
    return mWanted[index(output)] && isOutputAvailable(output);
}

bool ExportDialog::isOutputAvailable(Output output) const
{
    switch (output) {
    case Output::ResultFiles: return mResult != nullptr;
    case Output::ViewPng: return !mViewImage.isNull();
    default: return mResult != nullptr && mStack != nullptr && !mResult->frames.empty();
    }
}

void ExportDialog::updateOutputs()
{
    mUpdating = true;
    bool any = false;
    for (Output output : {Output::ResultFiles, Output::ViewPng, Output::OverlayMovie}) {
        const bool available = isOutputAvailable(output);
        box(output)->setEnabled(available);
        box(output)->setChecked(available && mWanted[index(output)]);
        any = any || (available && mWanted[index(output)]);
    }
    mUpdating = false;
    QStringList missing;
    if (mResult == nullptr)
        missing << tr("There is no analysis result yet: run the analysis to export its files and overlays.");
    else if (mStack == nullptr)
        missing << tr("The movie with overlays needs the open stack.");
    if (mViewImage.isNull())
        missing << tr("There is no view to save.");
    mNote->setText(missing.join(QLatin1Char('\n')));
    mNote->setVisible(!missing.isEmpty());
    if (QPushButton* ok = mButtons->button(QDialogButtonBox::Ok))
        ok->setEnabled(any && !folder().isEmpty());
}

bool ExportDialog::prepareFolder(const QString& path, QString* error) const
{
    const QFileInfo info(path);
    if (info.exists() && !info.isDir()) {
        *error = tr("Cannot export into “%1”: it is a file, not a folder.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!info.exists() && !QDir().mkpath(path)) {
        // Say which part of the path is in the way.
        QString blocker = QFileInfo(path).absoluteFilePath();
        while (!QFileInfo::exists(blocker) && QFileInfo(blocker).path() != blocker)
            blocker = QFileInfo(blocker).path();
        const QFileInfo b(blocker);
        if (b.exists() && !b.isDir())
            *error = tr("Cannot create the folder “%1”: “%2” is a file, not a folder.")
                         .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(blocker));
        else
            *error = tr("Cannot create the folder “%1”: permission denied or the disk is read-only.")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!QFileInfo(path).isWritable()) {
        *error = tr("Cannot write into “%1”: the folder is not writable.").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return true;
}

bool ExportDialog::exportNow(QString* error)
{
    QString ignored;
    QString& message = error != nullptr ? *error : ignored;
    message.clear();
    mWritten.clear();
    mCancelled = false;
    const QString dir = folder();
    if (dir.isEmpty()) {
        message = tr("Choose a folder to export into.");
        return false;
    }
    const bool results = isOutputEnabled(Output::ResultFiles);
    const bool png = isOutputEnabled(Output::ViewPng);
    const bool movie = isOutputEnabled(Output::OverlayMovie);
    if (!results && !png && !movie) {
        message = tr("Nothing to export: tick at least one output.");
        return false;
    }
    if (!prepareFolder(dir, &message))
        return false;

    if (results) {
        try {
            const std::vector<std::string> written =
                writeResults(*mResult, QDir(dir).absolutePath().toStdString(), mSummaryExtra.get());
            for (const std::string& path : written)
                mWritten << QString::fromStdString(path);
        } catch (const std::exception& e) {
            message = tr("Could not write the result files into “%1”: %2")
                          .arg(QDir::toNativeSeparators(dir), QString::fromStdString(e.what()));
            return false;
        }
    }

    if (png) {
        const QString path = QDir(dir).absoluteFilePath(viewPngName());
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !mViewImage.save(&file, "PNG") || !file.commit()) {
            message = tr("Could not write “%1”: %2")
                          .arg(QDir::toNativeSeparators(path), file.errorString().isEmpty() ? tr("PNG encoding failed")
                                                                                           : file.errorString());
            return false;
        }
        mWritten << path;
        if (!mViewSvg.isEmpty()) {
            const QString svgPath = QDir(dir).absoluteFilePath(viewSvgName());
            QSaveFile svg(svgPath);
            if (!svg.open(QIODevice::WriteOnly) || svg.write(mViewSvg) != mViewSvg.size() || !svg.commit()) {
                message = tr("Could not write “%1”: %2").arg(QDir::toNativeSeparators(svgPath), svg.errorString());
                return false;
            }
            mWritten << svgPath;
        }
    }

    if (movie) {
        const QString path = QDir(dir).absoluteFilePath(overlayMovieName());
        if (!writeOverlayMovie(path, &message))
            return false;
        mWritten << path;
    }
    return true;
}

bool ExportDialog::writeOverlayMovie(const QString& path, QString* error)
{
    const AnalysisResult& r = *mResult;
    const int count = static_cast<int>(r.frames.size());
    OverlayStyle style;
    QProgressDialog progress(tr("Writing %1 frames with overlays…").arg(count), tr("Cancel"), 0, count, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(500);
    try {
        std::unique_ptr<TiffStackWriter> writer;
        for (int i = 0; i < count; ++i) {
            progress.setValue(i);
            if (progress.wasCanceled()) {
                mCancelled = true;
                *error = tr("Export cancelled: “%1” was not written.").arg(QDir::toNativeSeparators(path));
                return false; // the writer's destructor removes the partial file
            }
            const cv::Mat frame = mStack->readFrame(r.frames[static_cast<std::size_t>(i)].frame);
            const cv::Mat bgr = renderOverlay(frame, r, i, style);
            if (bgr.type() != CV_8UC3)
                throw std::runtime_error("the overlay is not an 8-bit colour image");
            if (!writer) {
                TiffWriteOptions options;
                if (r.pixel_nm > 0) {
                    options.x = AxisCalibration("x", r.pixel_nm / style.scale, 0.0, "nm");
                    options.y = AxisCalibration("y", r.pixel_nm / style.scale, 0.0, "nm");
                }
                if (r.frameInterval_s > 0)
                    options.frames = AxisCalibration("t", r.frameInterval_s, r.frames.front().time_s, "s");
                options.deflate = true;
                options.imageName = "overlay";
                writer = std::make_unique<TiffStackWriter>(path.toStdString(), bgr.cols, bgr.rows, PixelType::RGB8,
                                                           count, options);
            }
            RawImage rgb(PixelType::RGB8, bgr.cols, bgr.rows);
            for (int y = 0; y < bgr.rows; ++y) {
                const std::uint8_t* in = bgr.ptr<std::uint8_t>(y);
                std::uint8_t* out = rgb.data() + static_cast<std::size_t>(y) * bgr.cols * 3;
                for (int x = 0; x < bgr.cols; ++x) { // BGR (OpenCV) -> RGB (TIFF)
                    out[3 * x] = in[3 * x + 2];
                    out[3 * x + 1] = in[3 * x + 1];
                    out[3 * x + 2] = in[3 * x];
                }
            }
            writer->append(rgb);
        }
        writer->finish();
        progress.setValue(count);
    } catch (const std::exception& e) {
        *error = tr("Could not write “%1”: %2").arg(QDir::toNativeSeparators(path), QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

void ExportDialog::accept()
{
    QString error;
    if (!exportNow(&error)) {
        if (!mCancelled && !error.isEmpty())
            showProblem(this, tr("Export failed"), tr("The export did not finish; the files written before the problem are kept."), error);
        return;
    }
    QDialog::accept();
}

} // namespace hrtem::ui
