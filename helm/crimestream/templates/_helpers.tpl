{{/* The chart's name, for app.kubernetes.io/name. */}}
{{- define "crimestream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's base name: the release name, prefixed to the chart's unless it holds it. */}}
{{- define "crimestream.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The controller's Deployment, ServiceAccount, Roles and bindings. */}}
{{- define "crimestream.controllerName" -}}
{{- printf "%s-controller" (include "crimestream.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Cluster-scoped names carry the release namespace: two releases may share a release name. */}}
{{- define "crimestream.clusterRoleName" -}}
{{- printf "%s-%s" (include "crimestream.controllerName" .) .Release.Namespace | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "crimestream.serviceAccountName" -}}
{{- if .Values.controller.serviceAccount.create -}}
{{- default (include "crimestream.controllerName" .) .Values.controller.serviceAccount.name -}}
{{- else -}}
{{- required "controller.serviceAccount.name is required when controller.serviceAccount.create is false" .Values.controller.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels of everything the chart creates; component added by each template. */}}
{{- define "crimestream.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "crimestream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: crimestream
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The controller pods' selector. */}}
{{- define "crimestream.controllerSelectorLabels" -}}
app.kubernetes.io/name: {{ include "crimestream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controller
{{- end -}}

{{/*
An image reference: the full override if set, else <images.repository>/<name>:<tag>, the tag
defaulting to the chart's appVersion. Called with (list $ "controller" .Values.images.controller).
*/}}
{{- define "crimestream.image" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $override := index . 2 -}}
{{- if $override -}}
{{- $override -}}
{{- else -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $root.Values.images.repository) $name (default $root.Chart.AppVersion $root.Values.images.tag) -}}
{{- end -}}
{{- end -}}

{{/* The namespaces the controller runs CrimeStreams in, when not all of them. */}}
{{- define "crimestream.watchNamespaces" -}}
{{- if .Values.controller.watchAllNamespaces -}}
{{- if .Values.controller.watchNamespaces -}}
{{- fail "set either controller.watchAllNamespaces or controller.watchNamespaces, not both" -}}
{{- end -}}
{{- else -}}
{{- default (list .Release.Namespace) .Values.controller.watchNamespaces | uniq | join "," -}}
{{- end -}}
{{- end -}}

{{/*
The namespaces besides the watched ones where CrimeStreams may keep their KafkaTopics
(spec.kafka.namespace), those not watched already, comma-separated.
*/}}
{{- define "crimestream.kafkaNamespaces" -}}
{{- if and .Values.controller.watchAllNamespaces .Values.controller.kafkaNamespaces -}}
{{- fail "controller.kafkaNamespaces is for a controller that watches some namespaces: with controller.watchAllNamespaces it reaches KafkaTopics in every namespace; leave it empty" -}}
{{- end -}}
{{- $watched := include "crimestream.watchNamespaces" . | splitList "," -}}
{{- $extra := list -}}
{{- range .Values.controller.kafkaNamespaces -}}
{{- if not (has . $watched) -}}
{{- $extra = append $extra . -}}
{{- end -}}
{{- end -}}
{{- $extra | uniq | join "," -}}
{{- end -}}

{{/*
The rules of files/controller-rules.yaml whose scope is one of the given ones, as PolicyRules
(the scope key dropped). Called with (dict "root" $ "scopes" (list "namespaced")).
*/}}
{{- define "crimestream.rules" -}}
{{- $rules := list -}}
{{- range (.root.Files.Get "files/controller-rules.yaml" | fromYamlArray) -}}
{{- if has .scope $.scopes -}}
{{- $rules = append $rules (omit . "scope") -}}
{{- end -}}
{{- end -}}
{{- if not $rules -}}
{{- fail (printf "files/controller-rules.yaml has no rule of scope %v" .scopes) -}}
{{- end -}}
{{- toYaml $rules -}}
{{- end -}}

{{/*
The labels of a monitoring object: the chart's, component monitoring, and the extra ones of its
values (what a Prometheus resource's podMonitorSelector or ruleSelector, or Grafana's sidecar, picks). Called with
(dict "root" $ "extra" .Values.monitoring.podMonitors.labels "field" "monitoring.podMonitors.labels"),
field naming the value in the error.
An extra label may not replace one of the chart's: Helm and the tests select by them.
*/}}
{{- define "crimestream.monitoringLabels" -}}
{{- $labels := include "crimestream.labels" .root | fromYaml -}}
{{- $_ := set $labels "app.kubernetes.io/component" "monitoring" -}}
{{- range $key, $value := .extra -}}
{{- if hasKey $labels $key -}}
{{- fail (printf "%s: %s is a label the chart sets itself; choose another key (a selector can match any label)" $.field $key) -}}
{{- end -}}
{{- $_ := set $labels $key $value -}}
{{- end -}}
{{- toYaml $labels -}}
{{- end -}}
