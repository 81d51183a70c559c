// test-cluster: a Kubernetes control plane on loopback for CrimeStream's tests. It starts an
// embedded etcd, the real kube-apiserver (RBAC authorization, server-side apply, CRDs with CEL)
// and the kube-controller-manager controllers the project relies on, writes an admin kubeconfig
// to DIR/kubeconfig, prints "ready" once the API server answers, and runs until SIGTERM or
// SIGINT. DIR/audit.log receives every request made as a ServiceAccount, with the API server's
// answer, so that a test sees what RBAC refused. There is no scheduler and no kubelet: the tests
// bind and run pods themselves.
//
//	test-cluster --dir DIR
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"k8s.io/klog/v2"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	dir := flag.String("dir", "", "folder for etcd's data, the certificates and the kubeconfig (created if missing)")
	verbose := flag.Bool("verbose", false, "log the API server's and the controllers' info messages, not only errors")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "test-cluster: --dir is required: the folder that receives kubeconfig, pki/ and etcd/, e.g. --dir target/cluster")
		os.Exit(2)
	}
	if err := run(*dir, *verbose); err != nil {
		fmt.Fprintf(os.Stderr, "test-cluster: %v\n", err)
		os.Exit(1)
	}
}

func run(dir string, verbose bool) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating --dir %s: %w", dir, err)
	}
	// A kubeconfig left by an earlier run must not be read as this run's.
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := os.Remove(kubeconfig); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing the old %s: %w", kubeconfig, err)
	}

	// a cluster starts empty: etcd's data of an earlier run goes
	if err := os.RemoveAll(filepath.Join(dir, "etcd")); err != nil {
		return fmt.Errorf("removing the old %s/etcd: %w", dir, err)
	}
	pki, err := writePKI(filepath.Join(dir, "pki"))
	if err != nil {
		return fmt.Errorf("writing certificates under %s/pki: %w", dir, err)
	}
	audit, err := writeAuditPolicy(dir)
	if err != nil {
		return err
	}
	etcd, err := startEtcd(filepath.Join(dir, "etcd"))
	if err != nil {
		return fmt.Errorf("starting etcd in %s/etcd: %w", dir, err)
	}
	defer etcd.stop()

	port, err := freeLoopbackPort()
	if err != nil {
		return err
	}
	apiServer := app.NewAPIServerCommand()
	// The command's context is cancelled on SIGTERM and SIGINT (it installs the handler); the
	// controllers and the readiness wait share it so that one signal stops everything.
	ctx := apiServer.Context()
	apiServer.SetArgs(apiServerFlags(pki, audit, etcd.clientURL, port, verbose))
	apiServer.SilenceErrors = true

	served := make(chan error, 1)
	go func() { served <- apiServer.ExecuteContext(ctx) }()

	admin := adminConfig(pki, port)
	if err := waitUntilReady(ctx, admin, served); err != nil {
		return err
	}
	controllers, err := startControllers(ctx, admin, pki.caPEM)
	if err != nil {
		return fmt.Errorf("starting the controllers: %w", err)
	}
	if err := writeKubeconfig(kubeconfig, pki, port); err != nil {
		return err
	}
	fmt.Println("ready")

	err = <-served
	controllers.wait()
	klog.Flush()
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("kube-apiserver stopped: %w", err)
	}
	return nil
}

// waitUntilReady polls /readyz until the API server answers ok, or fails when the server stops.
func waitUntilReady(ctx context.Context, admin *restConfig, served <-chan error) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case err := <-served:
			return fmt.Errorf("kube-apiserver stopped before it was ready: %v", err)
		case <-ctx.Done():
			return fmt.Errorf("stopped before the API server was ready")
		default:
		}
		if ready(ctx, admin) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the API server at %s did not answer /readyz ok within 2 minutes", admin.Host)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
