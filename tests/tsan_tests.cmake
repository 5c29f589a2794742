# ThreadSanitizer (issue 35). With HRTEM_TSAN (scripts/tsan.sh, build-tsan/) the whole program is
# instrumented and only these tests are built: the pipeline's worker threads, cancel and live
# analysis (core), the background jobs, and the window's analysis, cancel, correction, session
# save and reopen paths (stack and analysis documents). Their CTest names start with "tsan:".
# Qt and LibTorch are not instrumented: tests/tsan.supp says what is suppressed there and why.
# die_after_fork=0: the window starts the hrtem CLI (QProcess), whose child only execs.
add_library(hrtem_catch_main STATIC support/catch_main.cpp)
target_link_libraries(hrtem_catch_main PUBLIC Catch2::Catch2)
add_library(hrtem_qt_test_main STATIC support/qt_test_main.cpp)
target_link_libraries(hrtem_qt_test_main PUBLIC Catch2::Catch2 Qt6::Widgets)
target_include_directories(hrtem_qt_test_main PUBLIC ${PROJECT_SOURCE_DIR})
target_compile_definitions(hrtem_qt_test_main PUBLIC HRTEM_TESTDATA_DIR="${HRTEM_TESTDATA_DIR}")

set(HRTEM_TSAN_ENVIRONMENT
    "TSAN_OPTIONS=halt_on_error=1 exitcode=66 second_deadlock_stack=1 die_after_fork=0 suppressions=${CMAKE_CURRENT_SOURCE_DIR}/tsan.supp"
    "QT_QPA_PLATFORM=offscreen" "OPENCV_FOR_THREADS_NUM=1" "OMP_NUM_THREADS=1")

add_executable(test_tsan_pipeline core/test_pipeline.cpp)
target_link_libraries(test_tsan_pipeline PRIVATE hrtem_catch_main hrtem_evaluate opencv_videoio)
target_include_directories(test_tsan_pipeline PRIVATE ${PROJECT_SOURCE_DIR})
catch_discover_tests(test_tsan_pipeline TEST_PREFIX "tsan:"
                     PROPERTIES ENVIRONMENT "${HRTEM_TSAN_ENVIRONMENT}" TIMEOUT 1800)

add_executable(test_tsan_window ui/test_background_job.cpp ui/test_analysis_window.cpp ui/test_corrections_window.cpp)
target_link_libraries(test_tsan_window PRIVATE hrtem_qt_test_main hrtem_ui)
target_compile_definitions(test_tsan_window PRIVATE HRTEM_STUDIO_EXECUTABLE="$<TARGET_FILE:hrtem-studio>"
                                                    HRTEM_CLI_EXECUTABLE="$<TARGET_FILE:hrtem>")
add_dependencies(test_tsan_window hrtem-studio hrtem)
catch_discover_tests(test_tsan_window TEST_PREFIX "tsan:"
                     PROPERTIES ENVIRONMENT "${HRTEM_TSAN_ENVIRONMENT}" TIMEOUT 1800)
