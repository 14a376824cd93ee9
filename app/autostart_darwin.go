package app

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
)

// On macOS a login entry is a per-user LaunchAgent: launchd starts what
// ~/Library/LaunchAgents holds at login (macOS 13 and later list it under
// Login Items as a background item).

func loginEntryPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "LaunchAgents", AppID+".plist"), nil
}

func writeLoginEntry(exe string) error {
	path, err := loginEntryPath()
	if err != nil {
		return err
	}
	var quoted bytes.Buffer
	if err := xml.EscapeText(&quoted, []byte(exe)); err != nil {
		return err
	}
	plist := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>` + AppID + `</string>
	<key>ProgramArguments</key>
	<array>
		<string>` + quoted.String() + `</string>
		<string>` + minimizedFlag + `</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
	<key>ProcessType</key>
	<string>Interactive</string>
</dict>
</plist>
`
	return saveLoginEntry(path, []byte(plist), 0o755)
}
