// The kube-apiserver's command line for the local control plane, and the admin client for it.
package main

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

type restConfig = rest.Config

// apiServerFlags are the flags a cluster operator would pass to kube-apiserver, pointed at this
// process's etcd and certificates. RBAC decides every request except those of system:masters
// (the admin kubeconfig); the default admission plugins stay on (ServiceAccount among them, which
// mounts the projected token the tests' kubelet stand-in requests).
func apiServerFlags(pki *pkiFiles, audit auditFiles, etcdURL string, port int, verbose bool) []string {
	verbosity := "0"
	if verbose {
		verbosity = "2"
	}
	return []string{
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--etcd-servers=" + etcdURL,
		"--tls-cert-file=" + pki.serverCert,
		"--tls-private-key-file=" + pki.serverKey,
		"--client-ca-file=" + pki.caCert,
		"--authorization-mode=RBAC",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + pki.serviceAccountKey,
		"--service-account-signing-key-file=" + pki.serviceAccountKey,
		"--api-audiences=https://kubernetes.default.svc.cluster.local",
		"--service-cluster-ip-range=10.0.0.0/24",
		// The "kubernetes" Service's endpoint would be 127.0.0.1, which the API server refuses
		// to write; the tests reach the server through the kubeconfig instead.
		"--endpoint-reconciler-type=none",
		"--audit-policy-file=" + audit.policy,
		"--audit-log-path=" + audit.log,
		"--audit-log-format=json",
		"--profiling=false",
		"--v=" + verbosity,
	}
}

func adminConfig(pki *pkiFiles, port int) *rest.Config {
	return &rest.Config{
		Host: "https://127.0.0.1:" + strconv.Itoa(port),
		TLSClientConfig: rest.TLSClientConfig{
			CAData:   pki.caPEM,
			CertData: pki.adminCertPEM,
			KeyData:  pki.adminKeyPEM,
		},
		QPS:   200,
		Burst: 400,
	}
}

func ready(ctx context.Context, config *rest.Config) bool {
	client, err := kubernetes.NewForConfig(config)
	if err != nil {
		return false
	}
	status := 0
	client.Discovery().RESTClient().Get().AbsPath("/readyz").Do(ctx).StatusCode(&status)
	return status == 200
}

func freeLoopbackPort() (int, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port on 127.0.0.1: %w", err)
	}
	defer listener.Close()
	return listener.Addr().(*net.TCPAddr).Port, nil
}
