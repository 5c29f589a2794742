#include "core/result/setting_descriptions.h"

#include "core/relate/crystal_models.h"
#include "core/util/text.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace hrtem {

namespace {

using Type = SettingDescription::Type;
using Polarity = LocalizationSettings::Polarity;

/// get/set of a plain member of AnalysisSettings (T: int, double, bool, std::string).
template <class T>
void bind(SettingDescription& d, T AnalysisSettings::*member)
{
    d.get = [member](const AnalysisSettings& s) { return nlohmann::json(s.*member); };
    d.set = [member](AnalysisSettings& s, const nlohmann::json& v) { s.*member = v.get<T>(); };
}

/// The same for a member of the localization settings.
template <class T>
void bind(SettingDescription& d, T LocalizationSettings::*member)
{
    d.get = [member](const AnalysisSettings& s) { return nlohmann::json(s.localization.*member); };
    d.set = [member](AnalysisSettings& s, const nlohmann::json& v) { s.localization.*member = v.get<T>(); };
}

SettingDescription number(Type type, std::string key, std::string stage, std::string flag, double minimum, double maximum,
                          std::string title, std::string help, std::string unit = {})
{
    SettingDescription d;
    d.type = type;
    d.key = std::move(key);
    d.stage = std::move(stage);
    d.flag = std::move(flag);
    d.minimum = minimum;
    d.maximum = maximum;
    d.title = std::move(title);
    d.help = std::move(help);
    d.unit = std::move(unit);
    return d;
}

SettingDescription onOff(std::string key, std::string stage, std::string flag, std::string title, std::string help)
{
    return number(Type::Flag, std::move(key), std::move(stage), std::move(flag), 0, 1, std::move(title), std::move(help));
}

const char* polarityName(Polarity p)
{
    switch (p) {
    case Polarity::Dark: return "dark";
    case Polarity::Bright: return "bright";
    default: return "auto";
    }
}

SettingDescription& add(std::vector<SettingDescription>& all, SettingDescription d)
{
    all.push_back(std::move(d));
    return all.back();
}

/// A network's weights file: a path offered with the safetensors filter, acting only when
/// `enabledWhen` holds, empty meaning `emptyMeaning`.
void weightsFile(std::vector<SettingDescription>& all, SettingDescription d, const char* emptyMeaning, const char* enabledWhen,
                 std::string AnalysisSettings::*member)
{
    d.emptyMeaning = emptyMeaning;
    d.fileFilter = "Safetensors weights (*.safetensors)";
    d.enabledWhen = enabledWhen;
    bind(d, member);
    add(all, std::move(d));
}

void describeFramesAndRestoration(std::vector<SettingDescription>& all)
{
    const char* frames = "Frames";
    const char* restoration = "Restoration";
    bind(add(all, number(Type::Integer, "first_frame", frames, "first-frame", 0, 999999, "First frame",
                    "First frame analysed (0-based index in the stack)")),
         &AnalysisSettings::firstFrame);
    SettingDescription& end = add(all, number(Type::Integer, "end_frame", frames, "end-frame", -1, 1000000, "End frame",
                                         "Analysis stops before this frame (0-based, exclusive); at the minimum the "
                                         "analysis runs to the last frame of the stack"));
    end.specialValueText = "all (to the last frame)";
    bind(end, &AnalysisSettings::endFrame);

    SettingDescription& method = add(all, number(Type::Choice, "restore", restoration, "restore", 0, 0, "Method",
                                            "Denoising applied to each frame before atom columns are located. Wiener and "
                                            "ABSF filter the lattice in Fourier space; non-local means and BM3D average "
                                            "similar patches; HRTEM-GAN is a trained network, best at low dose (a few "
                                            "counts per pixel)"));
    method.choices = {{"none", "None (raw frames)"}, {"wiener", "Wiener filter"}, {"absf", "ABSF (background subtraction)"},
                      {"nlm", "Non-local means"},    {"bm3d", "BM3D"},         {"gan", "HRTEM-GAN (neural network)"}};
    bind(method, &AnalysisSettings::restore);
    weightsFile(all, number(Type::Path, "gan_weights", restoration, "weights", 0, 0, "GAN weights",
                            "HRTEM-GAN weights file (.safetensors) used for the GAN restoration; leave empty for the "
                            "weights shipped with HRTEM Studio"),
                "the shipped weights", "restore=gan", &AnalysisSettings::ganWeights);
    SettingDescription& device = add(all, number(Type::Choice, "device", restoration, "device", 0, 0, "Device",
                                            "Where the networks run (HRTEM-GAN and the segmentation networks): a CUDA "
                                            "GPU is much faster than the CPU"));
    device.choices = {{"auto", "Automatic (GPU if present)"}, {"cpu", "CPU"}, {"cuda", "GPU (CUDA)"}};
    bind(device, &AnalysisSettings::device);

}

/// The segmentation networks' routes to the columns and to the crystal (thesis ch. 4).
void describeSegmentation(std::vector<SettingDescription>& all, const char* localization)
{
    SettingDescription& locate = add(all, number(Type::Choice, "locate", localization, "locate", 0, 0, "Column finder",
                                            "How candidate columns are found before their Gaussian fits: the classical "
                                            "finder takes the maxima of a column-scale filter; the segmenter takes the "
                                            "regions of a trained U-Net's column map"));
    locate.choices = {{"classical", "Classical (filter maxima)"}, {"seg", "Atom segmenter (neural network)"}};
    bind(locate, &AnalysisSettings::locate);
    weightsFile(all, number(Type::Path, "segmenter_weights", localization, "seg-weights", 0, 0, "Segmenter weights",
                            "Atom segmenter weights file (.safetensors, from hrtem train seg); leave empty for the "
                            "network shipped with HRTEM Studio"),
                "the shipped network", "locate=seg", &AnalysisSettings::segmenterWeights);
    SettingDescription& particle = add(all, number(Type::Choice, "particle", localization, "particle", 0, 0, "Crystal region",
                                              "Where columns are sought: the classical region is where lattice fringes "
                                              "are strong; the particle network is a U-Net trained to tell crystal from "
                                              "support and vacuum"));
    particle.choices = {{"classical", "Classical (lattice fringes)"}, {"net", "Particle network"}};
    bind(particle, &AnalysisSettings::particle);
    weightsFile(all, number(Type::Path, "particle_weights", localization, "particle-weights", 0, 0, "Particle weights",
                            "Particle network weights file (.safetensors, from hrtem train seg --target particle); "
                            "leave empty for the shipped network"),
                "the shipped network", "particle=net", &AnalysisSettings::particleWeights);
}

void describePatchesAndLocalization(std::vector<SettingDescription>& all)
{
    const char* patches = "Patch classification";
    const char* localization = "Localization";
    bind(add(all, onOff("classify_patches", patches, "classify-patches", "Classify patches",
                   "Classify square patches of each frame as crystal, amorphous or vacuum, so that columns are only "
                   "searched where there is crystal and the crystal fraction is reported")),
         &AnalysisSettings::classifyPatches);
    SettingDescription& patchSize = add(all, number(Type::Integer, "patch_size", patches, "patch-size", 8, 1024, "Patch size",
                                               "Side of the classified patches in pixels: larger patches see more "
                                               "lattice fringes, smaller ones follow the particle's edge more closely",
                                               "px"));
    patchSize.step = 8;
    patchSize.enabledWhen = "classify_patches=true";
    bind(patchSize, &AnalysisSettings::patchSize);
    SettingDescription& classifier = add(all, number(Type::Choice, "patch_classifier", patches, "patch-classifier", 0, 0,
                                                "Patch classifier",
                                                "Who decides which patches are crystal: the multi-task network (trained on "
                                                "simulated patches; it also says how likely each frame is high quality) or "
                                                "the voting of unsupervised clusterings, which needs no training. Automatic "
                                                "uses the network where its weights are found"));
    classifier.choices = {{"auto", "Automatic"}, {"network", "Multi-task network"}, {"voting", "Voting"}};
    classifier.enabledWhen = "classify_patches=true";
    bind(classifier, &AnalysisSettings::patchClassifier);
    weightsFile(all, number(Type::Path, "patch_classifier_weights", patches, "patch-classifier-weights", 0, 0,
                            "Patch classifier weights",
                            "Patch classifier weights file (.safetensors, from hrtem train patches); leave empty for "
                            "the shipped network"),
                "the shipped network", "patch_classifier=network", &AnalysisSettings::patchClassifierWeights);

    describeSegmentation(all, localization);
    SettingDescription& polarity = add(all, number(Type::Choice, "localization.polarity", localization, "polarity", 0, 0,
                                              "Column contrast",
                                              "Whether atom columns image dark or bright on this defocus and thickness; "
                                              "automatic decides from each frame"));
    polarity.choices = {{"auto", "Automatic"}, {"dark", "Dark columns"}, {"bright", "Bright columns"}};
    polarity.get = [](const AnalysisSettings& s) { return nlohmann::json(polarityName(s.localization.polarity)); };
    polarity.set = [](AnalysisSettings& s, const nlohmann::json& v) {
        const std::string name = v.get<std::string>();
        s.localization.polarity = name == "dark" ? Polarity::Dark : name == "bright" ? Polarity::Bright : Polarity::Auto;
    };
    SettingDescription& threshold = add(all, number(Type::Real, "localization.threshold", localization, "threshold", 0, 100,
                                               "Detection threshold",
                                               "A candidate column must stand out from the background by this many noise "
                                               "standard deviations (σ); 0 chooses it from each frame's noise. Raise it "
                                               "to drop false columns in noisy frames, lower it to find faint ones",
                                               "σ"));
    threshold.decimals = 2;
    threshold.step = 0.25;
    threshold.specialValueText = "automatic";
    bind(threshold, &LocalizationSettings::threshold);
    SettingDescription& period = add(all, number(Type::Real, "localization.period_px", localization, "period", 0, 1000,
                                            "Lattice period",
                                            "Lattice fringe period in pixels, which sets the expected column spacing; 0 "
                                            "measures it from each frame's FFT",
                                            "px"));
    period.decimals = 3;
    period.step = 0.1;
    period.specialValueText = "from the FFT";
    bind(period, &LocalizationSettings::period_px);
    bind(add(all, onOff("localization.crystal_only", localization, "crystal-only", "Crystal only",
                   "Search for columns only where lattice fringes are seen (plus a margin), not in vacuum or amorphous "
                   "carbon")),
         &LocalizationSettings::crystalOnly);
    bind(add(all, number(Type::Integer, "localization.fit_passes", localization, "fit-passes", 1, 10, "Fit passes",
                    "Passes of 2-D Gaussian fitting; each later pass subtracts the neighbours' fits, which helps closely "
                    "spaced columns (1 is fastest)")),
         &LocalizationSettings::fitPasses);
    bind(add(all, onOff("localization.lattice_fill", localization, "lattice-fill", "Lattice fill",
                   "Look again at the sites the found columns' lattice predicts and accept weaker columns there")),
         &LocalizationSettings::latticeFill);
    SettingDescription& fill = add(all, number(Type::Real, "localization.fill_threshold", localization, "fill-threshold", 0, 100,
                                          "Fill threshold",
                                          "Evidence, in noise standard deviations (σ), needed to accept a column at a "
                                          "lattice-predicted site",
                                          "σ"));
    fill.decimals = 2;
    fill.step = 0.25;
    fill.enabledWhen = "localization.lattice_fill=true";
    bind(fill, &LocalizationSettings::fillThreshold);
    bind(add(all, onOff("localization.reversed_contrast", localization, "reversed-contrast", "Reversed contrast",
                   "Also accept columns of the opposite contrast where the crystal is thick (contrast reversal)")),
         &LocalizationSettings::reversedContrast);
    bind(add(all, onOff("require_lattice", localization, "require-lattice", "Require a lattice",
                   "Locate columns only when the movie's power spectrum shows Bragg spots in two directions; off: "
                   "always try (for data the test does not suit)")),
         &AnalysisSettings::requireLattice);

}

void describeRelationsTrackingThreads(std::vector<SettingDescription>& all)
{
    const char* relations = "Relations";
    const char* tracking = "Tracking";
    const char* threads = "Threads";
    SettingDescription& bondCut = add(all, number(Type::Real, "bond_cut", relations, "bond-cut", 1, 2, "Bond cut",
                                             "Two columns are bonded when closer than this many nearest-neighbour (NN) "
                                             "spacings. For fcc [110] the long bond is 1.155 NN and the next distance "
                                             "1.633 NN",
                                             "× NN"));
    bondCut.decimals = 3;
    bondCut.step = 0.05;
    bind(bondCut, &AnalysisSettings::bondCut);
    SettingDescription& structure = add(all, number(Type::Structure, "structure", relations, "structure", 0, 0, "Structure",
                                               "Crystal model whose plane indices name the measured lattice's spacings; "
                                               "its zone axis is identified from the measured cell. A model that does "
                                               "not fit is reported, not forced. Automatic names fcc [110] by its shape "
                                               "and otherwise keeps 2-D indices"));
    structure.choices = {{"auto", "Automatic (from the lattice)"}, {"fcc", "fcc"},          {"bcc", "bcc"},
                         {"hcp", "hcp"},                           {"rock-salt", "Rock-salt"}, {"fluorite", "Fluorite"},
                         {"perovskite", "Perovskite"},             {"graphene", "Graphene-like"}};
    bind(structure, &AnalysisSettings::structure);

    bind(add(all, number(Type::Integer, "max_gap", tracking, "max-gap", 0, 50, "Max gap",
                    "A track may miss a column in up to this many consecutive frames (blinking, noise) and still be "
                    "continued",
                    "frames")),
         &AnalysisSettings::maxGap);
    SettingDescription& workers = add(all, number(Type::Integer, "threads", threads, "threads", 0, 1024, "Threads",
                                             "Frames analysed at the same time; 0 uses one per processor core. Results "
                                             "do not depend on it"));
    workers.specialValueText = "one per core";
    bind(workers, &AnalysisSettings::threads);
}

std::vector<SettingDescription> describe()
{
    std::vector<SettingDescription> all;
    describeFramesAndRestoration(all);
    describePatchesAndLocalization(all);
    describeRelationsTrackingThreads(all);
    return all;
}

bool flagFromText(const std::string& text, bool& value)
{
    for (const char* yes : {"yes", "true", "on", "1"})
        if (text == yes)
            return value = true, true;
    for (const char* no : {"no", "false", "off", "0"})
        if (text == no)
            return value = false, true;
    return false;
}

/// The shortest of 15 or 17 significant digits that reads back as `v`.
std::string numberText(double v)
{
    for (int digits : {15, 17}) {
        std::ostringstream out;
        out.precision(digits);
        out << v;
        if (digits == 17 || std::stod(out.str()) == v)
            return out.str();
    }
    return {};
}

} // namespace

const std::vector<SettingDescription>& analysisSettingDescriptions()
{
    static const std::vector<SettingDescription> all = describe();
    return all;
}

const SettingDescription* findSettingDescription(const std::string& key)
{
    for (const SettingDescription& d : analysisSettingDescriptions())
        if (d.key == key)
            return &d;
    return nullptr;
}

void validateSetting(const SettingDescription& d, const nlohmann::json& v)
{
    const auto wrong = [&](const std::string& what) { return std::invalid_argument(d.key + " " + what); };
    switch (d.type) {
    case Type::Integer:
    case Type::Real: {
        if (!v.is_number() || (d.type == Type::Integer && !v.is_number_integer()))
            throw wrong(d.type == Type::Integer ? "must be a whole number" : "must be a number");
        const double x = v.get<double>();
        if (!(x >= d.minimum && x <= d.maximum))
            throw wrong("must be between " + numberText(d.minimum) + " and " + numberText(d.maximum) +
                        (d.unit.empty() ? "" : " " + d.unit) + ", not " + numberText(x));
        return;
    }
    case Type::Flag:
        if (!v.is_boolean())
            throw wrong("must be true or false");
        return;
    case Type::Choice: {
        if (!v.is_string())
            throw wrong("must be text");
        std::string accepted;
        for (const SettingDescription::Choice& c : d.choices) {
            if (c.value == v.get<std::string>())
                return;
            accepted += (accepted.empty() ? "" : ", ") + c.value;
        }
        throw wrong("must be one of " + accepted + ", not '" + v.get<std::string>() + "'");
    }
    case Type::Structure:
        if (!v.is_string())
            throw wrong("must be text");
        try {
            parseStructure(v.get<std::string>());
        } catch (const std::invalid_argument& e) {
            throw wrong(std::string(": ") + e.what());
        }
        return;
    case Type::Text:
    case Type::Path:
        if (!v.is_string())
            throw wrong("must be text");
        return;
    }
}

nlohmann::json settingValueFromText(const SettingDescription& d, const std::string& text)
{
    nlohmann::json value = text;
    try {
        std::size_t used = 0;
        if (d.type == Type::Integer) {
            value = std::stoi(text, &used);
        } else if (d.type == Type::Real) {
            value = std::stod(text, &used);
        } else if (d.type == Type::Flag) {
            bool on = false;
            if (!flagFromText(text, on))
                throw std::invalid_argument("--" + d.flag + " takes yes or no, not '" + text + "'");
            value = on;
            used = text.size();
        } else {
            used = text.size();
        }
        if (used != text.size())
            throw std::invalid_argument("--" + d.flag + ": '" + text + "' is not a number");
    } catch (const std::out_of_range&) {
        throw std::invalid_argument("--" + d.flag + ": '" + text + "' is out of range");
    } catch (const std::invalid_argument& e) {
        if (std::string(e.what()).rfind("--", 0) == 0)
            throw;
        throw std::invalid_argument("--" + d.flag + ": '" + text + "' is not a number");
    }
    try {
        validateSetting(d, value);
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument("--" + d.flag + ": " + e.what());
    }
    return value;
}

std::string settingValueText(const nlohmann::json& v)
{
    if (v.is_boolean())
        return v.get<bool>() ? "yes" : "no";
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number_integer())
        return std::to_string(v.get<long long>());
    return numberText(v.get<double>());
}

std::string analysisSettingsUsage()
{
    std::string out;
    std::string stage;
    for (const SettingDescription& d : analysisSettingDescriptions()) {
        if (d.stage != stage) {
            stage = d.stage;
            out += " " + stage + ":\n";
        }
        std::string value;
        switch (d.type) {
        case Type::Integer: value = "N"; break;
        case Type::Real: value = "X"; break;
        case Type::Flag: value = "yes|no"; break;
        case Type::Path: value = "FILE"; break;
        case Type::Choice:
            for (const SettingDescription::Choice& c : d.choices)
                value += (value.empty() ? "" : "|") + c.value;
            break;
        case Type::Text: value = "TEXT"; break;
        case Type::Structure: value = "NAME[:A_NM[:C_NM]]"; break;
        }
        std::string head = "  --" + d.flag + " " + value;
        const nlohmann::json def = d.defaultValue();
        std::string text = "[" + d.key + "] " + d.title + ": " + d.help;
        if (!d.unit.empty())
            text += " [" + d.unit + "]";
        if (d.type == Type::Structure) {
            text += ". NAME: ";
            for (const SettingDescription::Choice& c : d.choices)
                text += c.value + (&c == &d.choices.back() ? "" : ", ");
            text += "; lattice constants in nm, e.g. fcc:0.4078, hcp:0.2507:0.4069";
        }
        std::string shown = settingValueText(def);
        if (shown.empty())
            shown = "none";
        if (!d.specialValueText.empty() && def.is_number() && def.get<double>() == d.minimum)
            shown += " = " + d.specialValueText;
        else if (!d.emptyMeaning.empty() && def.is_string() && def.get<std::string>().empty())
            shown += " = " + d.emptyMeaning;
        text += " (default: " + shown + ")";
        out += hangingIndent(head, text); // as the CLI's own options (core/util/text.h)
    }
    return out;
}

} // namespace hrtem
