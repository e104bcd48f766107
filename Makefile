# Kenes: the commands that matter. Each installs what is missing first (scripts/install-deps).
.PHONY: run test bench build web deps fmt clean

BUILD_TYPE ?= Release
BUILD_DIR := build/release
KENES := $(BUILD_DIR)/kenes

deps:
	@scripts/install-deps

build: deps
	@scripts/build

web: deps
	@scripts/build-web

run: build web
	@scripts/run

test: deps
	@scripts/test

bench: build web
	@scripts/bench

fmt:
	@find src bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build web/dist
