// Issue 34: the evaluation view shows what hrtem evaluate-restoration wrote (scores, t-SNE map,
// spectra), says which file is wrong when one is, and runs the CLI on a simulated movie.
#include "core/io/tiff/tiff_writer.h"
#include "core/restore/gan_restorer.h"
#include "core/sim/simulation.h"
#include "tests/support/qt_wait.h"
#include "tests/support/small_movie.h"
#include "tests/support/temporary_folder.h"
#include "ui/dialogs/evaluation_dialog.h"
#include "ui/plot/qcustomplot_include.h"

#include <QTableWidget>

#include <catch2/catch.hpp>

#include <fstream>

using namespace hrtem;

namespace {

void writeText(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

/// A folder as `hrtem evaluate-restoration --figures` leaves it: three methods (gan trained with
/// a guided segmenter), a map of four sets (the reference and the methods), three spectra.
void writeEvaluationFolder(const std::filesystem::path& folder)
{
    writeText(folder / "evaluation.json", R"({"simulation": "sim", "frames": 4, "counts_per_pixel": 20,
      "feature_network": "hrtem_atom_segmenter.safetensors: bottleneck", "hq_reference": "the noise-free frames",
      "methods": [
        {"method": "none", "psnr_db": 12.5, "ssim": 0.41, "fid": 3.25, "kl": 0.5,
         "segmentation": {"precision": 0.8, "dice": 0.9, "iou": 0.82}, "localization": {"f1": 0.95}, "seconds_per_frame": 0.001},
        {"method": "wiener", "psnr_db": 18.25, "ssim": 0.6, "fid": 1.5, "kl": 0.25,
         "segmentation": {"precision": 0.7, "dice": 0.85, "iou": 0.74}, "localization": {"f1": 0.9}, "seconds_per_frame": 0.01},
        {"method": "gan", "psnr_db": 20.0, "ssim": 0.7, "fid": null, "kl": null,
         "segmentation": {"precision": 0.9, "dice": 0.89, "iou": 0.8}, "localization": {"f1": 0.97}, "seconds_per_frame": 0.5,
         "guided_segmentation": {"segmenter": "joint.segmenter.safetensors", "precision": 0.95, "dice": 0.93, "iou": 0.87}}]})");
    std::string map = "set,x,y\n";
    const char* sets[] = {"high-quality reference", "none", "wiener", "gan"};
    for (int k = 0; k < 4; ++k)
        for (int p = 0; p < 5 + k; ++p)
            map += std::string("\"") + sets[k] + "\"," + std::to_string(k * 10 + p) + "," + std::to_string(p) + "\n";
    writeText(folder / "tsne.csv", map);
    TiffStackWriter spectra((folder / "spectra.tif").string(), 16, 16, PixelType::Float32, 3, {});
    for (int k = 0; k < 3; ++k) {
        RawImage page(PixelType::Float32, 16, 16);
        float* v = reinterpret_cast<float*>(page.data());
        for (int i = 0; i < 256; ++i)
            v[i] = float(k + i % 16);
        spectra.append(page);
    }
    spectra.finish();
    writeText(folder / "spectra.csv", "page,method\n0,none\n1,wiener\n2,gan\n");
}

} // namespace

TEST_CASE("gui: the evaluation view shows the scores, the t-SNE map and the spectra of a results folder", "[gui][evaluation]")
{
    const test::TemporaryFolder folder("evaluation_view");
    writeEvaluationFolder(folder.path);
    ui::EvaluationDialog dialog;
    REQUIRE(dialog.openFolder(QString::fromStdString(folder.path.string())));
    QTableWidget* table = dialog.scoresTable();
    REQUIRE(table->rowCount() == 4); // and the guided segmenter's row below gan's
    CHECK(table->item(0, 0)->text() == "none");
    CHECK(table->item(3, 0)->text() == "gan: its guided segmenter");
    CHECK(table->item(3, 5)->text() == "0.950"); // its segmentation precision
    CHECK(table->item(3, 6)->text() == "0.930"); // Dice
    CHECK(table->item(3, 1)->text() == "–");     // no PSNR of its own
    CHECK(table->item(1, 1)->text() == "18.25"); // PSNR, 2 decimals
    CHECK(table->item(0, 3)->text() == "3.250"); // FID
    CHECK(table->item(2, 3)->text() == "–");     // no FID without a feature network
    CHECK(table->item(2, 6)->text() == "0.890"); // Dice
    CHECK(table->item(2, 8)->text() == "0.970"); // localization F1
    QCustomPlot* map = dialog.mapPlot();
    REQUIRE(map->graphCount() == 4);
    CHECK(map->graph(0)->name() == "high-quality reference");
    for (int k = 0; k < 4; ++k)
        CHECK(map->graph(k)->dataCount() == 5 + k);
    CHECK(dialog.spectraShown() == 3);

    std::filesystem::remove(folder.path / "spectra.tif");
    ui::EvaluationDialog broken;
    CHECK_FALSE(broken.openFolder(QString::fromStdString(folder.path.string())));
    CHECK(broken.problem().contains("spectra.tif"));
}

TEST_CASE("gui: the evaluation view runs hrtem evaluate-restoration on a simulated movie and shows its scores",
          "[gui][evaluation]")
{
    const test::TemporaryFolder folder("evaluation_run");
    sim::SimulationSettings s = test::smallMovie("low", 3, 4, 128);
    sim::writeSimulation(sim::Simulation(s), (folder.path / "sim").string());
    qputenv("HRTEM_CLI", HRTEM_CLI_EXECUTABLE);
    ui::EvaluationDialog dialog;
    // The shipped weights once more, as a variant: its row must be the "gan" row's twin.
    const QString shipped = QString::fromStdString(restore::defaultGanWeights());
    dialog.setVariantWeights({shipped});
    bool ended = false, ok = false;
    QObject::connect(&dialog, &ui::EvaluationDialog::runFinished, [&](bool success) {
        ended = true;
        ok = success;
    });
    REQUIRE(dialog.run(QString::fromStdString((folder.path / "sim").string()), QString::fromStdString((folder.path / "out").string())));
    CHECK(dialog.running());
    REQUIRE(test::waitUntil([&] { return ended; }, 600000));
    INFO(dialog.problem().toStdString());
    REQUIRE(ok);
    // Every method the CLI compares by default, each with its scores.
    CHECK(dialog.scoresTable()->rowCount() >= 5);
    CHECK(dialog.mapPlot()->graphCount() == dialog.scoresTable()->rowCount() + 1);
    CHECK(dialog.spectraShown() == dialog.scoresTable()->rowCount());
    CHECK(std::filesystem::exists(folder.path / "out" / "evaluation.json"));
    QTableWidget* table = dialog.scoresTable();
    int ganRow = -1, variantRow = -1;
    for (int r = 0; r < table->rowCount(); ++r) {
        ganRow = table->item(r, 0)->text() == "gan" ? r : ganRow;
        variantRow = table->item(r, 0)->text() == "hrtem_gan_cpu" ? r : variantRow;
    }
    REQUIRE(ganRow >= 0);
    REQUIRE(variantRow >= 0);
    CHECK(table->item(variantRow, 1)->text() == table->item(ganRow, 1)->text()); // PSNR, same weights
    CHECK(table->item(variantRow, 2)->text() == table->item(ganRow, 2)->text()); // SSIM
}

TEST_CASE("gui: other GAN weights join the comparison under labels of their own", "[gui][evaluation]")
{
    const QStringList args = ui::EvaluationDialog::variantArguments(
        {"/w/gan_mask.safetensors", "/x/gan_mask.safetensors", "/w/gan.safetensors", "/w/joint.v2.safetensors"});
    CHECK(args == QStringList({"--variant", "gan_mask=/w/gan_mask.safetensors", "--variant", "gan_mask-2=/x/gan_mask.safetensors",
                               "--variant", "gan-2=/w/gan.safetensors", "--variant", "joint.v2=/w/joint.v2.safetensors"}));
    CHECK(ui::EvaluationDialog::variantArguments({}).isEmpty());
}
