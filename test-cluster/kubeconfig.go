// DIR/kubeconfig: the admin's client certificate for the API server on loopback.
package main

import (
	"fmt"
	"os"
	"strconv"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

func writeKubeconfig(path string, pki *pkiFiles, port int) error {
	config := clientcmdapi.NewConfig()
	config.Clusters["test-cluster"] = &clientcmdapi.Cluster{
		Server:                   "https://127.0.0.1:" + strconv.Itoa(port),
		CertificateAuthorityData: pki.caPEM,
	}
	config.AuthInfos["admin"] = &clientcmdapi.AuthInfo{
		ClientCertificateData: pki.adminCertPEM,
		ClientKeyData:         pki.adminKeyPEM,
	}
	config.Contexts["test-cluster"] = &clientcmdapi.Context{Cluster: "test-cluster", AuthInfo: "admin", Namespace: "default"}
	config.CurrentContext = "test-cluster"
	// written whole under another name, then renamed, so that a reader never sees half a file
	partial := path + ".partial"
	if err := clientcmd.WriteToFile(*config, partial); err != nil {
		return fmt.Errorf("writing %s: %w", partial, err)
	}
	if err := os.Rename(partial, path); err != nil {
		return fmt.Errorf("renaming %s to %s: %w", partial, path, err)
	}
	return nil
}
