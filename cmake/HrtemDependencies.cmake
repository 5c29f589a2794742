# One place that finds every dependency. Versions are Debian 12's unless noted.

# --- LibTorch: Debian's 1.13 (CPU) or a PyTorch 2.x wheel (pass its cmake_prefix_path) ---------
find_package(Torch REQUIRED)
if(Torch_VERSION VERSION_LESS 1.13 OR Torch_VERSION VERSION_GREATER_EQUAL 3.0)
  message(FATAL_ERROR "HRTEM Studio needs LibTorch 1.13 to 2.x; found ${Torch_VERSION}")
endif()
message(STATUS "LibTorch ${Torch_VERSION}, CUDA: ${CAFFE2_USE_CUDA}")

# --- JSON: nlohmann (header-only). On the GPU machine it travels in the tree (.deps/). ----------
find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  find_path(HRTEM_JSON_INCLUDE_DIR nlohmann/json.hpp
            HINTS ${CMAKE_CURRENT_SOURCE_DIR}/.deps/include REQUIRED)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${HRTEM_JSON_INCLUDE_DIR})
endif()

if(HRTEM_MODELS_ONLY)
  return()
endif()

find_package(OpenCV 4 REQUIRED COMPONENTS core imgproc imgcodecs videoio photo)
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(TIFF REQUIRED)
find_package(Threads REQUIRED)
find_package(Qt6 6.2 REQUIRED COMPONENTS Core Gui Widgets Concurrent Svg PrintSupport LinguistTools Test)
find_package(QCustomPlotQt6 REQUIRED)
set(CMAKE_AUTOMOC ON)
set(CMAKE_AUTORCC ON)
if(HRTEM_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()
