{{/* The six deployables and their ports (DESIGN §7). */}}
{{- define "scorecard.ports" -}}
gateway: 4000
registry: 4001
ingest: 4002
compute: 4003
review: 4004
reporting: 4005
{{- end -}}

{{/* Services with a Postgres schema of their own (DATABASE_URL, migrations Job). */}}
{{- define "scorecard.postgresServices" -}}
[registry, ingest, compute, review]
{{- end -}}

{{/* Services that produce or consume Kafka (KAFKA_*, SCHEMA_REGISTRY_URL). */}}
{{- define "scorecard.kafkaServices" -}}
[registry, ingest, compute, review, reporting]
{{- end -}}

{{- define "scorecard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "scorecard.fullname" -}}
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

{{/* Name of a component's objects: <fullname>-<component>. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "scorecard.componentName" -}}
{{- printf "%s-%s" (include "scorecard.fullname" .root | trunc 50 | trimSuffix "-") .component -}}
{{- end -}}

{{- define "scorecard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "scorecard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "scorecard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "scorecard.selectorLabels" . }}
app.kubernetes.io/part-of: scorecard
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* Labels of the whole release (ConfigMap, Secret, ServiceAccount). */}}
{{- define "scorecard.releaseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "scorecard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: scorecard
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* A service's settings: serviceDefaults overlaid with services.<name>. Returns YAML; use fromYaml. */}}
{{- define "scorecard.serviceValues" -}}
{{- $svc := index .root.Values.services .component | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.serviceDefaults) (deepCopy $svc)) -}}
{{- end -}}

{{- define "scorecard.image" -}}
{{- $svc := fromYaml (include "scorecard.serviceValues" .) -}}
{{- $repo := $svc.image.repository | default (printf "%s/%s" .root.Values.image.registry .component) -}}
{{- $tag := $svc.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if $svc.image.digest -}}
{{- printf "%s@%s" $repo $svc.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}
{{- end -}}

{{- define "scorecard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "scorecard.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "scorecard.secretName" -}}
{{- default (printf "%s-secrets" (include "scorecard.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "scorecard.embeddedClickHouse" -}}
{{- if eq .Values.clickhouse.mode "embedded" -}}true{{- end -}}
{{- end -}}

{{/* Guards the schema cannot express on its own; rendered from every template that needs them. */}}
{{- define "scorecard.validate" -}}
{{- $reporting := fromYaml (include "scorecard.serviceValues" (dict "root" . "component" "reporting")) -}}
{{- if include "scorecard.embeddedClickHouse" . -}}
{{- if or (gt (int $reporting.replicas) 1) $reporting.autoscaling.enabled -}}
{{- fail "clickhouse.mode=embedded: reporting must run as exactly one replica without autoscaling (one chdb process per data path); use clickhouse.mode=server to scale it" -}}
{{- end -}}
{{- end -}}
{{- if and (eq .Values.auth.mode "dev") (eq .Values.env.nodeEnv "production") -}}
{{- fail "auth.mode=dev is refused with env.nodeEnv=production (the gateway would not start)" -}}
{{- end -}}
{{- end -}}

{{- define "scorecard.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext -}}
{{- end -}}

{{- define "scorecard.containerSecurityContext" -}}
{{- toYaml .Values.containerSecurityContext -}}
{{- end -}}

{{/* Secret-held environment of a component, each variable only where it is needed. */}}
{{- define "scorecard.secretEnv" -}}
{{- $secret := include "scorecard.secretName" .root -}}
{{- $keys := .root.Values.secrets.keys -}}
{{- if has .component (include "scorecard.postgresServices" . | fromYamlArray) }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .secretName | default $secret }}
      key: {{ $keys.databaseUrl }}
{{- end }}
{{- if and (eq .component "reporting") (not (include "scorecard.embeddedClickHouse" .root)) }}
- name: CLICKHOUSE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .secretName | default $secret }}
      key: {{ $keys.clickhouseUrl }}
{{- end }}
{{- if and (eq .component "gateway") (eq .root.Values.auth.mode "dev") }}
- name: DEV_JWT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .secretName | default $secret }}
      key: {{ $keys.devJwtSecret }}
{{- end }}
{{- end -}}
