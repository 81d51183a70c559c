// The audit policy: every request of a ServiceAccount (the controller's, a Spark driver's), with
// its verb, resource and the API server's status code, as one JSON line in DIR/audit.log.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

type auditFiles struct{ policy, log string }

const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: Metadata
    userGroups: ["system:serviceaccounts"]
  - level: None
`

func writeAuditPolicy(dir string) (auditFiles, error) {
	files := auditFiles{policy: filepath.Join(dir, "pki", "audit-policy.yaml"), log: filepath.Join(dir, "audit.log")}
	if err := os.WriteFile(files.policy, []byte(auditPolicy), 0o600); err != nil {
		return files, fmt.Errorf("writing %s: %w", files.policy, err)
	}
	// a log left by an earlier run must not be read as this run's
	if err := os.Remove(files.log); err != nil && !os.IsNotExist(err) {
		return files, fmt.Errorf("removing the old %s: %w", files.log, err)
	}
	return files, nil
}
