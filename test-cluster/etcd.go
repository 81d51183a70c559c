// An etcd member embedded in the process, on loopback, for the API server's storage.
package main

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
)

type etcdServer struct {
	server    *embed.Etcd
	clientURL string
}

func startEtcd(dataDir string) (*etcdServer, error) {
	clientPort, err := freeLoopbackPort()
	if err != nil {
		return nil, err
	}
	peerPort, err := freeLoopbackPort()
	if err != nil {
		return nil, err
	}
	clientURL, _ := url.Parse("http://127.0.0.1:" + strconv.Itoa(clientPort))
	peerURL, _ := url.Parse("http://127.0.0.1:" + strconv.Itoa(peerPort))

	config := embed.NewConfig()
	config.Name = "test-cluster"
	config.Dir = dataDir
	config.ListenClientUrls = []url.URL{*clientURL}
	config.AdvertiseClientUrls = []url.URL{*clientURL}
	config.ListenPeerUrls = []url.URL{*peerURL}
	config.AdvertisePeerUrls = []url.URL{*peerURL}
	config.InitialCluster = config.Name + "=" + peerURL.String()
	// its errors reach the tests as the API server's; at shutdown it logs its closed listeners
	// as errors, which would only mislead whoever reads the log
	config.LogLevel = "fatal"
	// A test cluster's data need not survive a power cut; fsync per write slows every request.
	config.UnsafeNoFsync = true

	server, err := embed.StartEtcd(config)
	if err != nil {
		return nil, err
	}
	select {
	case <-server.Server.ReadyNotify():
	case err := <-server.Err():
		server.Close()
		return nil, err
	case <-time.After(time.Minute):
		server.Close()
		return nil, fmt.Errorf("etcd in %s was not ready within a minute", dataDir)
	}
	return &etcdServer{server: server, clientURL: clientURL.String()}, nil
}

func (e *etcdServer) stop() {
	e.server.Close()
}
