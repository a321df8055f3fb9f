#!/usr/bin/env python3
"""A tiny XDND drag source for the end-to-end tests (tests/tests/import_drop.rs).

Opens an undecorated GTK 3 window titled "localpost-drag-source" at X, Y offering FILE as
text/uri-list, prints "ready" once it is mapped, and exits after its drag ends (or after 60 s).
The test then drives a real OS-level drag from it with xdotool: WebDriver cannot produce one.

Usage: drag_source.py FILE X Y. Needs python3-gi and gir1.2-gtk-3.0 (scripts/install-deps.sh
--test).
"""

import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402


def main() -> int:
    path, x, y = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    uri = GLib.filename_to_uri(path, None)
    window = Gtk.Window(title="localpost-drag-source")
    window.set_decorated(False)
    window.set_default_size(120, 120)
    window.set_keep_above(True)
    window.move(x, y)
    box = Gtk.EventBox()
    box.add(Gtk.Label(label="drag me"))
    window.add(box)
    targets = [Gtk.TargetEntry.new("text/uri-list", 0, 0)]
    box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, targets, Gdk.DragAction.COPY)
    box.connect("drag-data-get", lambda _w, _c, data, _i, _t: data.set_uris([uri]))
    box.connect("drag-end", lambda *_: GLib.timeout_add(300, Gtk.main_quit))
    window.connect("destroy", Gtk.main_quit)
    window.connect("map-event", lambda *_: print("ready", flush=True))
    GLib.timeout_add_seconds(60, Gtk.main_quit)
    window.show_all()
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
