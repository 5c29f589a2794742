// The analysis panel (settings round trip, enablement while running, progress text, signals)
// and the export dialog on a real analysis: a small simulated movie (6 frames, 256 x 256) run
// through the shared pipeline, exported and compared with what writeResults writes.
#include "core/export/result_files.h"
#include "core/pipeline/analysis_pipeline.h"
#include "core/sim/simulation.h"
#include "tests/support/small_movie.h"
#include "ui/dialogs/export_dialog.h"
#include "ui/widgets/analysis_panel.h"
#include "ui/widgets/setting_editor.h"
#include "ui/app/language.h"
#include "core/result/setting_descriptions.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

#include <memory>

using namespace hrtem;
using namespace hrtem::ui;

namespace {

AnalysisSettings everyFieldChanged()
{
    AnalysisSettings s;
    s.restore = "gan";
    s.ganWeights = "/data/weights/hrtem_gan_custom.safetensors";
    s.device = "cuda";
    s.firstFrame = 2;
    s.endFrame = 9;
    s.threads = 3;
    s.classifyPatches = false;
    s.patchSize = 48;
    s.bondCut = 1.234567891;  // more digits than the spin box shows
    s.maxGap = 7;
    LocalizationSettings& l = s.localization;
    l.polarity = LocalizationSettings::Polarity::Dark;
    l.period_px = 7.123456789;
    l.threshold = 3.33333333;
    l.crystalOnly = false;
    l.fitPasses = 3;
    l.refitIterations = 40;     // not shown: kept from setSettings
    l.latticeFill = false;
    l.reversedContrast = false;
    l.fillThreshold = 2.0000001;
    l.periodFromColumns = true; // not shown
    return s;
}

struct Analysed {
    std::shared_ptr<StackReader> stack;
    std::shared_ptr<const AnalysisResult> result;
};

/// One analysis shared by the export cases (the slow part, a few seconds).
const Analysed& analysed()
{
    static const Analysed a = [] {
        Analysed out;
        out.stack = std::shared_ptr<StackReader>(sim::makeSimulatedStack(test::smallMovie("medium", 11, 6)).release());
        AnalysisSettings settings;
        settings.threads = 2;
        out.result = std::make_shared<const AnalysisResult>(analyzeStack(*out.stack, settings));
        return out;
    }();
    return a;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("gui: AnalysisPanel round-trips the default settings", "[analysis_panel]")
{
    AnalysisPanel panel;
    CHECK(toJson(panel.settings()) == toJson(AnalysisSettings{}));
    panel.setSettings(AnalysisSettings{});
    CHECK(toJson(panel.settings()) == toJson(AnalysisSettings{}));
    panel.setFrameCount(40);
    CHECK(toJson(panel.settings()) == toJson(AnalysisSettings{}));
}

TEST_CASE("gui: AnalysisPanel round-trips settings with every field changed", "[analysis_panel]")
{
    const AnalysisSettings s = everyFieldChanged();
    REQUIRE(toJson(s) != toJson(AnalysisSettings{}));
    AnalysisPanel panel;
    panel.setSettings(s);
    AnalysisSettings back = panel.settings();
    CHECK(toJson(back) == toJson(s));
    CHECK(back.localization.refitIterations == 40);
    CHECK(back.localization.periodFromColumns);

    SECTION("a frame count that clamps the display keeps the given range")
    {
        panel.setFrameCount(5);
        back = panel.settings();
        CHECK(toJson(back) == toJson(s));
        panel.setFrameCount(100);
        CHECK(toJson(panel.settings()) == toJson(s));
    }
    SECTION("the form shows the values")
    {
        CHECK(panel.findChild<QComboBox*>(QStringLiteral("restore"))->currentData().toString() == "gan");
        CHECK(panel.findChild<QComboBox*>(QStringLiteral("device"))->currentData().toString() == "cuda");
        CHECK(panel.findChild<QLineEdit*>(QStringLiteral("ganWeights"))->text().toStdString() == s.ganWeights);
        CHECK(panel.findChild<QSpinBox*>(QStringLiteral("patchSize"))->value() == 48);
        CHECK(panel.findChild<QSpinBox*>(QStringLiteral("maxGap"))->value() == 7);
        CHECK_FALSE(panel.findChild<QCheckBox*>(QStringLiteral("classifyPatches"))->isChecked());
        CHECK(panel.findChild<QDoubleSpinBox*>(QStringLiteral("bondCut"))->value() == Approx(1.235));
    }
    SECTION("an edit changes that field only and says so")
    {
        int changed = 0;
        QObject::connect(&panel, &AnalysisPanel::settingsChanged, [&] { ++changed; });
        panel.findChild<QDoubleSpinBox*>(QStringLiteral("bondCut"))->setValue(1.5);
        CHECK(changed == 1);
        AnalysisSettings expected = s;
        expected.bondCut = 1.5;
        CHECK(toJson(panel.settings()) == toJson(expected));
        panel.findChild<QSpinBox*>(QStringLiteral("endFrame"))->setValue(-1); // "all"
        expected.endFrame = -1;
        CHECK(toJson(panel.settings()) == toJson(expected));
        panel.findChild<QComboBox*>(QStringLiteral("polarity"))->setCurrentIndex(2);
        expected.localization.polarity = LocalizationSettings::Polarity::Bright;
        CHECK(toJson(panel.settings()) == toJson(expected));
        CHECK(changed == 3);
        // setSettings is not a user edit
        panel.setSettings(s);
        CHECK(changed == 3);
    }
    SECTION("Defaults resets everything but the frame range")
    {
        int changed = 0;
        QObject::connect(&panel, &AnalysisPanel::settingsChanged, [&] { ++changed; });
        panel.defaultsButton()->click();
        AnalysisSettings expected;
        expected.firstFrame = s.firstFrame;
        expected.endFrame = s.endFrame;
        CHECK(toJson(panel.settings()) == toJson(expected));
        CHECK(panel.settings().localization.refitIterations == LocalizationSettings{}.refitIterations);
        CHECK(changed == 1);
    }
}

TEST_CASE("gui: AnalysisPanel enables the GAN weights only for GAN restoration", "[analysis_panel]")
{
    AnalysisPanel panel;
    auto* restore = panel.findChild<QComboBox*>(QStringLiteral("restore"));
    auto* weights = panel.findChild<QLineEdit*>(QStringLiteral("ganWeights"));
    auto* browse = panel.findChild<QPushButton*>(QStringLiteral("ganWeightsBrowse"));
    REQUIRE(restore != nullptr);
    REQUIRE(weights != nullptr);
    REQUIRE(restore->count() == 6);
    for (int i = 0; i < restore->count(); ++i) {
        restore->setCurrentIndex(i);
        const bool gan = restore->currentData().toString() == QLatin1String("gan");
        CHECK(weights->isEnabled() == gan);
        CHECK(browse->isEnabled() == gan);
        CHECK(panel.settings().restore == restore->currentData().toString().toStdString());
    }
    AnalysisSettings s;
    s.restore = "gan";
    panel.setSettings(s);
    CHECK(weights->isEnabled());
    s.restore = "bm3d";
    panel.setSettings(s);
    CHECK_FALSE(weights->isEnabled());
    // every widget explains itself
    for (QWidget* w : panel.findChildren<QWidget*>())
        if (!w->objectName().isEmpty() && !w->objectName().startsWith(QLatin1String("qt_")) &&
            (qobject_cast<QSpinBox*>(w) || qobject_cast<QDoubleSpinBox*>(w) || qobject_cast<QComboBox*>(w) ||
             qobject_cast<QCheckBox*>(w) || qobject_cast<QLineEdit*>(w) || qobject_cast<QPushButton*>(w))) {
            INFO(w->objectName().toStdString());
            CHECK_FALSE(w->toolTip().isEmpty());
        }
}

namespace {

/// The keys of a settings JSON object, nested ones as "localization.threshold".
void collectKeys(const nlohmann::json& object, const std::string& where, std::set<std::string>& keys)
{
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.value().is_object())
            collectKeys(it.value(), where + it.key() + ".", keys);
        else
            keys.insert(where + it.key());
}

} // namespace

TEST_CASE("gui: the panel, the settings JSON and hrtem analyze's flags list the same settings", "[analysis_panel][settings]")
{
    std::set<std::string> jsonKeys, panelKeys, described;
    collectKeys(toJson(AnalysisSettings{}), "", jsonKeys);
    AnalysisPanel panel;
    for (const SettingEditor* editor : panel.findChildren<SettingEditor*>())
        panelKeys.insert(editor->description().key);
    const std::string usage = analysisSettingsUsage();
    for (const SettingDescription& d : analysisSettingDescriptions()) {
        described.insert(d.key);
        INFO(d.key);
        // The CLI's --help names the flag, the key and the default of every setting, and the
        // flag's text reads back as the default.
        CHECK(usage.find("--" + d.flag + " ") != std::string::npos);
        CHECK(usage.find("[" + d.key + "]") != std::string::npos);
        CHECK(settingValueFromText(d, settingValueText(d.defaultValue())) == d.defaultValue());
        CHECK_FALSE(SettingEditor::translated(d.title).isEmpty());
    }
    CHECK(jsonKeys == described);
    CHECK(panelKeys == described);
    // And in Chinese: every label and tooltip has its translation.
    applyLanguage(QStringLiteral("zh_CN"));
    for (const SettingDescription& d : analysisSettingDescriptions())
        for (const std::string* text : {&d.title, &d.help, &d.stage}) {
            INFO(*text);
            CHECK(SettingEditor::translated(*text) != QString::fromStdString(*text));
        }
    applyLanguage(QStringLiteral("en"));
    CHECK(std::count(usage.begin(), usage.end(), '\n') >= long(described.size()));
    std::size_t defaults = 0;
    for (std::size_t at = usage.find("(default:"); at != std::string::npos; at = usage.find("(default:", at + 1))
        ++defaults;
    CHECK(defaults == described.size());
}

TEST_CASE("gui: AnalysisPanel buttons, progress and log", "[analysis_panel]")
{
    AnalysisPanel panel;
    int runs = 0, cancels = 0;
    QObject::connect(&panel, &AnalysisPanel::runRequested, [&] { ++runs; });
    QObject::connect(&panel, &AnalysisPanel::cancelRequested, [&] { ++cancels; });
    CHECK(panel.runButton()->isEnabled());
    CHECK_FALSE(panel.cancelButton()->isEnabled());
    panel.runButton()->click();
    CHECK(runs == 1);

    panel.setRunning(true);
    CHECK_FALSE(panel.runButton()->isEnabled());
    CHECK(panel.cancelButton()->isEnabled());
    CHECK_FALSE(panel.findChild<QDoubleSpinBox*>(QStringLiteral("bondCut"))->isEnabled());
    CHECK_FALSE(panel.findChild<QComboBox*>(QStringLiteral("restore"))->isEnabled());
    panel.cancelButton()->click();
    CHECK(cancels == 1);
    panel.runButton()->click(); // disabled: nothing
    CHECK(runs == 1);

    panel.setProgress(QStringLiteral("frames"), 0.45, 12.0);
    CHECK(panel.progressText().contains(QStringLiteral("45 %")));
    CHECK(panel.progressText().contains(QStringLiteral("12 s")));
    CHECK(panel.progressText().contains(AnalysisPanel::stageDisplayName(QStringLiteral("frames"))));
    CHECK(AnalysisPanel::stageDisplayName(QStringLiteral("frames")) != QLatin1String("frames"));
    panel.setProgress(QStringLiteral("tracking"), 0.9, -1.0);
    CHECK(panel.progressText().contains(QStringLiteral("90 %")));
    CHECK_FALSE(panel.progressText().contains(QStringLiteral(" s left")));
    panel.setProgress(QStringLiteral("behaviours"), 0.95, 185.0);
    CHECK(panel.progressText().contains(QStringLiteral("3 min 05 s")));
    panel.setProgress(QStringLiteral("done"), 1.0, 0.0);
    CHECK(panel.progressText().contains(QStringLiteral("100 %")));

    panel.setRunning(false);
    CHECK(panel.runButton()->isEnabled());
    CHECK_FALSE(panel.cancelButton()->isEnabled());
    CHECK(panel.findChild<QDoubleSpinBox*>(QStringLiteral("bondCut"))->isEnabled());

    panel.appendLog(QStringLiteral("analysed 6 frames"));
    panel.appendLog(QStringLiteral("wrote atoms.csv"));
    const QStringList lines = panel.logText().split(QLatin1Char('\n'));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].endsWith(QStringLiteral("analysed 6 frames")));
    CHECK(lines[0].contains(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d"))));
    panel.clearLog();
    CHECK(panel.logText().isEmpty());
}

TEST_CASE("gui: ExportDialog writes what writeResults writes, the view and the overlay movie", "[export_dialog]")
{
    const Analysed& a = analysed();
    REQUIRE(!a.result->frames.empty());
    QTemporaryDir dir, reference;
    REQUIRE(dir.isValid());
    REQUIRE(reference.isValid());
    const QString out = dir.filePath(QStringLiteral("export/run 1")); // created, with a space

    QImage view(320, 200, QImage::Format_RGB32);
    view.fill(QColor(20, 40, 60));
    const nlohmann::json extra = {{"session", "test.hrtem"}, {"exported_by", "HRTEM Studio"}};

    ExportDialog dialog;
    CHECK_FALSE(dialog.isOutputAvailable(ExportDialog::Output::ResultFiles));
    dialog.setResult(a.result);
    dialog.setStack(a.stack);
    dialog.setViewImage(view);
    dialog.setSummaryExtra(extra);
    dialog.setFolder(out);
    dialog.setOutputEnabled(ExportDialog::Output::ResultFiles, true);
    dialog.setOutputEnabled(ExportDialog::Output::ViewPng, true);
    dialog.setOutputEnabled(ExportDialog::Output::OverlayMovie, true);
    CHECK(dialog.findChild<QCheckBox*>(QStringLiteral("overlayMovie"))->isChecked());

    QString error;
    REQUIRE(dialog.exportNow(&error));
    CHECK(error.isEmpty());
    const QStringList written = dialog.writtenFiles();

    // the result files, byte for byte
    const std::vector<std::string> expected = writeResults(*a.result, reference.path().toStdString(), &extra);
    REQUIRE(expected.size() >= 8);
    for (const std::string& path : expected) {
        const QString name = QFileInfo(QString::fromStdString(path)).fileName();
        INFO(name.toStdString());
        const QString mine = QDir(out).filePath(name);
        CHECK(written.contains(QFileInfo(mine).absoluteFilePath()));
        CHECK(readAll(mine) == readAll(QString::fromStdString(path)));
    }

    // the view
    const QString png = QDir(out).filePath(ExportDialog::viewPngName());
    CHECK(written.contains(QFileInfo(png).absoluteFilePath()));
    const QImage back(png);
    CHECK(back.size() == view.size());

    // the overlay movie: one RGB page per analysed frame, twice the frame's size
    const QString movie = QDir(out).filePath(ExportDialog::overlayMovieName());
    CHECK(written.contains(QFileInfo(movie).absoluteFilePath()));
    const std::unique_ptr<StackReader> pages = openStack(movie.toStdString());
    CHECK(pages->info().frameCount == static_cast<int>(a.result->frames.size()));
    CHECK(pages->info().width == 2 * a.result->width);
    CHECK(pages->info().height == 2 * a.result->height);
    CHECK(pages->info().pixelType == PixelType::RGB8);
    CHECK(written.size() == static_cast<int>(expected.size()) + 2);

    SECTION("outputs can be left out")
    {
        QTemporaryDir other;
        dialog.setFolder(other.path());
        dialog.setOutputEnabled(ExportDialog::Output::ResultFiles, false);
        dialog.setOutputEnabled(ExportDialog::Output::OverlayMovie, false);
        REQUIRE(dialog.exportNow(&error));
        CHECK(dialog.writtenFiles() == QStringList{QDir(other.path()).absoluteFilePath(ExportDialog::viewPngName())});
        CHECK_FALSE(QFileInfo::exists(QDir(other.path()).filePath(QStringLiteral("atoms.csv"))));
    }
}

TEST_CASE("gui: ExportDialog reports an unwritable folder", "[export_dialog]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString plain = dir.filePath(QStringLiteral("plain.txt"));
    {
        QFile file(plain);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("not a folder\n");
    }
    QImage view(16, 16, QImage::Format_RGB32);
    view.fill(Qt::white);
    ExportDialog dialog;
    dialog.setViewImage(view);
    dialog.setOutputEnabled(ExportDialog::Output::ViewPng, true);

    QString error;
    dialog.setFolder(plain + QStringLiteral("/results"));
    CHECK_FALSE(dialog.exportNow(&error));
    CHECK(error.contains(QDir::toNativeSeparators(plain + QStringLiteral("/results"))));
    CHECK(error.contains(QDir::toNativeSeparators(plain)));
    CHECK(dialog.writtenFiles().isEmpty());

    dialog.setFolder(plain);
    CHECK_FALSE(dialog.exportNow(&error));
    CHECK(error.contains(QDir::toNativeSeparators(plain)));

    dialog.setFolder(QString());
    CHECK_FALSE(dialog.exportNow(&error));
    CHECK_FALSE(error.isEmpty());

    // nothing ticked that can be written
    ExportDialog empty;
    empty.setFolder(dir.path());
    CHECK_FALSE(empty.exportNow(&error));
    CHECK_FALSE(error.isEmpty());
}
