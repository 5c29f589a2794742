# The file readers and writers (core/io), listed once: core/ builds them plain and sanitized,
# fuzz/ builds them with libFuzzer's instrumentation.
set(HRTEM_IO_SOURCES
  io/binary_file.cpp
  io/pixel_type.cpp
  io/raw_image.cpp
  io/stack.cpp
  io/stack_report.cpp
  io/dm/dm_tags.cpp
  io/dm/dm_reader.cpp
  io/mrc_reader.cpp
  io/ser_reader.cpp
  io/emd_reader.cpp
  io/emd_layout.cpp
  io/emd_layout_json.cpp
  io/child_process.cpp
  io/hdf5/hdf5_file.cpp
  io/tiff/imagej_description.cpp
  io/tiff/tiff_handle.cpp
  io/tiff/tiff_reader.cpp
  io/tiff/tiff_writer.cpp
  io/csv_table.cpp
  io/json_file.cpp
  io/atomic_file.cpp
  io/video_reader.cpp
  io/image_sequence_reader.cpp
  util/text.cpp
  util/units.cpp
)
list(TRANSFORM HRTEM_IO_SOURCES PREPEND ${CMAKE_CURRENT_LIST_DIR}/../core/)
set(HRTEM_IO_SOURCES ${HRTEM_IO_SOURCES} CACHE INTERNAL "")
