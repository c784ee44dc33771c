# golden.cmake -- runs a command and compares its standard output with a
# checked-in file. With REGENERATE=1 in the environment it rewrites the
# file instead (review the diff before committing it).
#
# cmake -DCMD="prog;arg;..." -DEXPECTED=file -P golden.cmake
execute_process(COMMAND ${CMD} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "command failed (${rc}): ${CMD}")
endif()
if(DEFINED ENV{REGENERATE})
  file(WRITE ${EXPECTED} "${out}")
  message(STATUS "rewrote ${EXPECTED}")
  return()
endif()
file(READ ${EXPECTED} want)
if(NOT out STREQUAL want)
  get_filename_component(name ${EXPECTED} NAME)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/${name}.got "${out}")
  execute_process(COMMAND diff -u ${EXPECTED} ${CMAKE_CURRENT_BINARY_DIR}/${name}.got)
  message(FATAL_ERROR "output differs from ${EXPECTED}")
endif()
