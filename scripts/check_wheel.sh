#!/usr/bin/env bash
# Builds the addon as OCA publishes addons (pyproject.toml, the whool build backend: a wheel
# odoo_addon_referent_parcours-<manifest version>.<commits since it changed>-py3-none-any.whl),
# installs it in a throwaway virtual environment of the Python that runs Odoo, and checks there,
# without a server, a database or any addons path to this checkout, that Odoo finds the installed
# addon, that its manifest has this checkout's version, and that the wheel holds every file git
# tracks (data, translations, static files). Deletes the environment; exits non-zero on a failure.
#
# whool names the package after the addon's folder and lists its files with git: the wheel is
# built from a clone of the last commit in a folder named referent_parcours.
source "$(dirname "$0")/lib.sh"
ensure_odoo

mkdir -p "$PARCOURS_HOME"
WORK="$(mktemp -d "$PARCOURS_HOME/wheel.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
SRC="$WORK/src/referent_parcours"

if [ -n "$(git -C "$ADDON_DIR" status --porcelain --untracked-files=no)" ]; then
    say "uncommitted changes are not in the wheel: it is built from the last commit"
fi
git clone -q "$ADDON_DIR" "$SRC" || die "could not clone $ADDON_DIR into $SRC"

say "building the wheel (whool, from PyPI) in a throwaway environment $WORK/venv"
python3 -m venv --system-site-packages "$WORK/venv" || die "python3 could not create a virtual environment"
PY="$WORK/venv/bin/python"
"$PY" -m pip wheel --no-deps -w "$WORK/dist" "$SRC" >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log" >&2; die "pip wheel failed (log above)"; }
WHEEL="$(ls "$WORK/dist"/*.whl)"
"$PY" -m pip install -q --no-deps "$WHEEL" >"$WORK/install.log" 2>&1 \
    || { cat "$WORK/install.log" >&2; die "pip install of $(basename "$WHEEL") failed (log above)"; }

: >"$WORK/odoo.conf"
cd "$WORK"
"$PY" - "$WHEEL" "$WORK/venv" "$SRC" "$CORE_ADDONS" "$WORK" "$ADDON_DIR" <<'PY'
import ast, collections, glob, importlib.metadata, os, subprocess, sys, zipfile

wheel, venv, src, core_addons, work, checkout = sys.argv[1:]
problems = []
print("wheel:", os.path.basename(wheel))
meta = importlib.metadata.metadata("odoo-addon-referent_parcours")
print("  name %s, version %s, requires %s" % (meta["Name"], meta["Version"], ", ".join(meta.get_all("Requires-Dist") or [])))

# What Odoo sees: the core addons only, an empty configuration file, a data folder of its own.
from odoo.tools import config
config.parse_config(["--config", os.path.join(work, "odoo.conf"), "--addons-path", core_addons,
                     "--data-dir", os.path.join(work, "data")], setup_logging=False)
from odoo.modules import module
path = module.get_module_path("referent_parcours", display_warning=False)
real = os.path.realpath(path) if path else ""
print("odoo finds referent_parcours in:", path)
if not real.startswith(os.path.realpath(venv) + os.sep):
    problems.append("Odoo does not find the addon inside the virtual environment")
if real.startswith(os.path.realpath(checkout) + os.sep) or real == os.path.realpath(checkout):
    problems.append("Odoo finds the checkout itself, not the installed wheel")
with open(os.path.join(src, "__manifest__.py"), encoding="utf-8") as f:
    expected = ast.literal_eval(f.read())["version"]
manifest = module.get_manifest("referent_parcours")
print("manifest version: %s (checkout: %s)" % (manifest.get("version"), expected))
if manifest.get("version") != expected:
    problems.append("manifest version %r is not the checkout's %r" % (manifest.get("version"), expected))
if not meta["Version"].startswith(expected):
    problems.append("package version %s does not start with the manifest's %s" % (meta["Version"], expected))

# Files: git's list of the commit, the wheel's and the installed folder's.
tracked = set(subprocess.run(["git", "ls-files"], cwd=src, check=True, capture_output=True, text=True).stdout.split())
tracked.discard("pyproject.toml")  # whool leaves it out of the wheel
prefix = "odoo/addons/referent_parcours/"
with zipfile.ZipFile(wheel) as z:
    in_wheel = {n[len(prefix):] for n in z.namelist() if n.startswith(prefix)}
installed = set()
for root, _dirs, files in os.walk(path or "/nonexistent"):
    if "__pycache__" not in root:
        installed.update(os.path.relpath(os.path.join(root, f), path) for f in files)
for name, found in (("wheel", in_wheel), ("installed addon", installed)):
    missing = sorted(tracked - found)
    if missing:
        problems.append("%d tracked files missing from the %s: %s" % (len(missing), name, ", ".join(missing[:10])))
root = path or "/nonexistent"
data_files = [f for key in ("data", "demo") for f in manifest.get(key, [])]
absent = [f for f in data_files if not os.path.isfile(os.path.join(root, f))]
asset_files = set()
for assets in manifest.get("assets", {}).values():
    for asset in assets:
        if isinstance(asset, str) and asset.startswith("referent_parcours/"):
            pattern = os.path.join(root, asset.split("/", 1)[1])
            found = [f for f in glob.glob(pattern, recursive=True) if os.path.isfile(f)]
            asset_files.update(found)
            if not found:
                absent.append(asset)
if absent:
    problems.append("files named in the manifest absent from the installed addon: " + ", ".join(absent))
by_ext = collections.Counter(os.path.splitext(f)[1] or os.path.basename(f) for f in in_wheel)
print("files in the wheel: %d, of the %d that git tracks (pyproject.toml aside) %d (%s)"
      % (len(in_wheel), len(tracked), len(tracked & in_wheel),
         ", ".join("%s %d" % kv for kv in sorted(by_ext.items(), key=lambda kv: (-kv[1], kv[0])))))
print("installed: %d files; the manifest's %d data and demo files and %d asset files: %s"
      % (len(installed), len(data_files), len(asset_files), "missing some" if absent else "all there"))
for problem in problems:
    print("PROBLEM:", problem)
print("wheel check:", "failed" if problems else "ok")
sys.exit(1 if problems else 0)
PY
