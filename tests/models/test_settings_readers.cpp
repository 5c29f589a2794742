// Issue 17: every settings reader of models/ refuses a key it does not know, naming it (the
// core readers are tested beside their settings: test_pipeline, test_simulator, test_patches).
#include "models/networks/network_config.h"
#include "models/training/cyclegan_trainer.h"
#include "models/training/segmentation_trainer.h"

#include <catch2/catch.hpp>

#include <functional>
#include <stdexcept>
#include <string>

using namespace hrtem::models;

namespace {

std::string refusal(const std::function<void()>& read)
{
    try {
        read();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

TEST_CASE("models settings readers refuse an unknown key by name", "[models][settings]")
{
    CHECK_THAT(refusal([] { generatorConfigFromJson({{"base_chanels", 8}}); }), Catch::Contains("base_chanels"));
    CHECK_THAT(refusal([] { discriminatorConfigFromJson({{"layer", 3}}); }), Catch::Contains("layer"));
    CHECK_THAT(refusal([] { segmenterConfigFromJson({{"level", 2}}); }), Catch::Contains("level"));
    CHECK_THAT(refusal([] { ganTrainingOptionsFromJson({{"lambda_cycel", 10.0}}); }), Catch::Contains("lambda_cycel"));
    CHECK_THAT(refusal([] { ganTrainingOptionsFromJson({{"generator", {{"vit_layer", 1}}}}); }), Catch::Contains("vit_layer"));
    CHECK_THAT(refusal([] { segmentationTrainingOptionsFromJson({{"batch", 4}}); }), Catch::Contains("batch"));
    // Known keys still read.
    CHECK(ganTrainingOptionsFromJson({{"patch_size", 64}}).patchSize == 64);
    CHECK(segmentationTrainingOptionsFromJson({{"batch_size", 3}}).batchSize == 3);
}
