# Warnings on for project code; third-party headers come in as SYSTEM includes so they stay quiet.
add_library(hrtem_warnings INTERFACE)
target_compile_options(hrtem_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                                  -Wcast-align -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough>)

# hrtem_sanitize: an INTERFACE target that instruments whoever links it (ASan + UBSan).
add_library(hrtem_sanitize INTERFACE)
target_compile_options(hrtem_sanitize INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                -fno-sanitize-recover=undefined)
target_link_options(hrtem_sanitize INTERFACE -fsanitize=address,undefined)
