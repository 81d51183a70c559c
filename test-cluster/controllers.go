// The kube-controller-manager controllers CrimeStream relies on, run in this process with the
// admin's credentials: the garbage collector (owner references), the Job controller (producer
// Jobs and their retries), the ServiceAccount controller (each namespace's "default" account, which
// the ServiceAccount admission plugin requires of a pod that names none) and the root CA publisher
// (the kube-root-ca.crt ConfigMap that a pod's projected token volume includes).
package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"k8s.io/client-go/discovery"
	cacheddiscovery "k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/metadata/metadatainformer"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/controller-manager/pkg/informerfactory"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/controller/certificates/rootcacertpublisher"
	"k8s.io/kubernetes/pkg/controller/garbagecollector"
	"k8s.io/kubernetes/pkg/controller/job"
	serviceaccountcontroller "k8s.io/kubernetes/pkg/controller/serviceaccount"
	"k8s.io/kubernetes/pkg/controller/volume/pvcprotection"
)

// How often the garbage collector looks for new resource types (a CRD applied by a test): the
// kube-controller-manager's 30 seconds would leave a test's new custom resources unwatched for
// that long.
const discoveryResyncPeriod = 2 * time.Second

type runningControllers struct{ group sync.WaitGroup }

func (r *runningControllers) wait() { r.group.Wait() }

func (r *runningControllers) run(f func()) {
	r.group.Add(1)
	go func() {
		defer r.group.Done()
		f()
	}()
}

func startControllers(ctx context.Context, admin *rest.Config, rootCA []byte) (*runningControllers, error) {
	logger := klog.FromContext(ctx)
	client, err := kubernetes.NewForConfig(admin)
	if err != nil {
		return nil, err
	}
	metadataClient, err := metadata.NewForConfig(admin)
	if err != nil {
		return nil, err
	}
	discoveryClient, err := discovery.NewDiscoveryClientForConfig(admin)
	if err != nil {
		return nil, err
	}
	restMapper := restmapper.NewDeferredDiscoveryRESTMapper(cacheddiscovery.NewMemCacheClient(discoveryClient))

	sharedInformers := informers.NewSharedInformerFactory(client, 0)
	metadataInformers := metadatainformer.NewSharedInformerFactory(metadataClient, 0)
	informersStarted := make(chan struct{})

	garbageCollector, err := garbagecollector.NewGarbageCollector(ctx, client, metadataClient, restMapper,
		garbagecollector.DefaultIgnoredResources(),
		informerfactory.NewInformerFactory(sharedInformers, metadataInformers), informersStarted)
	if err != nil {
		return nil, fmt.Errorf("garbage collector: %w", err)
	}
	jobs, err := job.NewController(ctx, client, sharedInformers.Core().V1().Pods(), sharedInformers.Batch().V1().Jobs(), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("Job controller: %w", err)
	}
	serviceAccounts, err := serviceaccountcontroller.NewServiceAccountsController(logger,
		sharedInformers.Core().V1().ServiceAccounts(), sharedInformers.Core().V1().Namespaces(), client,
		serviceaccountcontroller.DefaultServiceAccountsControllerOptions())
	if err != nil {
		return nil, fmt.Errorf("ServiceAccount controller: %w", err)
	}
	rootCAPublisher, err := rootcacertpublisher.NewPublisher(sharedInformers.Core().V1().ConfigMaps(),
		sharedInformers.Core().V1().Namespaces(), client, rootCA)
	if err != nil {
		return nil, fmt.Errorf("root CA publisher: %w", err)
	}

	claimProtection, err := pvcprotection.NewPVCProtectionController(logger,
		sharedInformers.Core().V1().PersistentVolumeClaims(), sharedInformers.Core().V1().Pods(), client)
	if err != nil {
		return nil, fmt.Errorf("PVC protection controller: %w", err)
	}

	running := &runningControllers{}
	running.run(func() { garbageCollector.Run(ctx, 5, time.Minute) })
	running.run(func() { garbageCollector.Sync(ctx, discoveryClient, discoveryResyncPeriod) })
	running.run(func() { jobs.Run(ctx, 5) })
	running.run(func() { serviceAccounts.Run(ctx, 1) })
	running.run(func() { rootCAPublisher.Run(ctx, 1) })
	running.run(func() { claimProtection.Run(ctx, 1) })

	sharedInformers.Start(ctx.Done())
	metadataInformers.Start(ctx.Done())
	close(informersStarted)
	running.run(func() {
		<-ctx.Done()
		sharedInformers.Shutdown()
		metadataInformers.Shutdown()
	})
	return running, nil
}
