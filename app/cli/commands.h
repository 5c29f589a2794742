#pragma once
#include <string>
#include <vector>

namespace hrtem::cli {

/// Each command takes the arguments after its name and returns the process exit code.
int runInfo(const std::vector<std::string>& args);
int runSimulate(const std::vector<std::string>& args);
int runConvert(const std::vector<std::string>& args);
int runAnalyze(const std::vector<std::string>& args);
int runEvaluate(const std::vector<std::string>& args);
int runRestore(const std::vector<std::string>& args);
int runTrain(const std::vector<std::string>& args);
int runEvaluateRestoration(const std::vector<std::string>& args);
int runEvaluateSegmentation(const std::vector<std::string>& args);
int runEvaluatePatches(const std::vector<std::string>& args);
/// `hrtem train patches` (runTrain hands it the arguments after "patches").
int runTrainPatches(const std::vector<std::string>& args);
std::string patchTrainingUsage();
int runSegment(const std::vector<std::string>& args);
int runMerge(const std::vector<std::string>& args);
int runBatch(const std::vector<std::string>& args);
int runWatch(const std::vector<std::string>& args);

} // namespace hrtem::cli
