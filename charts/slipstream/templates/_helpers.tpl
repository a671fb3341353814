{{/* Names, labels, the shared workload template and the checks that fail a render early. */}}

{{- define "slipstream.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "slipstream.fullname" -}}
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

{{- define "slipstream.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "slipstream.labels" -}}
helm.sh/chart: {{ include "slipstream.chart" . }}
{{ include "slipstream.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: slipstream
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "slipstream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "slipstream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one component; call with (dict "root" $ "component" "ingestion"). */}}
{{- define "slipstream.componentLabels" -}}
{{ include "slipstream.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "slipstream.componentSelectorLabels" -}}
{{ include "slipstream.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "slipstream.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "slipstream.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* One image per service: <registry>/<owner>/slipstream-<component>:<tag>. */}}
{{- define "slipstream.image" -}}
{{- printf "%s/%s/slipstream-%s:%s" .root.Values.image.registry .root.Values.image.owner .component (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "slipstream.credentialsSecretName" -}}
{{- default (printf "%s-credentials" .Release.Name) .Values.global.credentialsSecret -}}
{{- end -}}

{{/*
Where the provisioning Job reads the ClickHouse admin password: a Secret you name, else for bundled
ClickHouse the Secret Altinity's chart reads for its default user (key "password"), else the
credentials Secret.
*/}}
{{- define "slipstream.clickhouseAdminSecretName" -}}
{{- if .Values.clickhouseConnection.admin.secretName -}}
{{- .Values.clickhouseConnection.admin.secretName -}}
{{- else if .Values.clickhouse.enabled -}}
{{- .Values.clickhouse.clickhouse.defaultUser.password_secret_name -}}
{{- else -}}
{{- include "slipstream.credentialsSecretName" . -}}
{{- end -}}
{{- end -}}

{{- define "slipstream.clickhouseAdminSecretKey" -}}
{{- if and .Values.clickhouse.enabled (not .Values.clickhouseConnection.admin.secretName) -}}
password
{{- else -}}
{{- .Values.clickhouseConnection.admin.secretKey -}}
{{- end -}}
{{- end -}}

{{/* Name of the bundled ClickHouseInstallation, as Altinity's chart derives it. */}}
{{- define "slipstream.clickhouseInstallation" -}}
{{- if contains "clickhouse" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-clickhouse" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "slipstream.natsUrl" -}}
{{- if .Values.nats.enabled -}}
{{- tpl .Values.natsConnection.bundledUrl . -}}
{{- else -}}
{{- required "natsConnection.externalUrl is required when nats.enabled is false" .Values.natsConnection.externalUrl -}}
{{- end -}}
{{- end -}}

{{/* Empty when projection runs embedded chDB. */}}
{{- define "slipstream.clickhouseUrl" -}}
{{- if .Values.clickhouse.enabled -}}
{{- tpl .Values.clickhouseConnection.bundledUrl . -}}
{{- else -}}
{{- .Values.clickhouseConnection.externalUrl -}}
{{- end -}}
{{- end -}}

{{/*
Bundled NATS and ClickHouse are installed with the release, after pre-install hooks have run, so the
first provisioning then runs post-install; upgrades always provision before the new pods roll out.
*/}}
{{- define "slipstream.provisioningHook" -}}
{{- if or .Values.nats.enabled .Values.clickhouse.enabled -}}
post-install,pre-upgrade
{{- else -}}
pre-install,pre-upgrade
{{- end -}}
{{- end -}}

{{/* Settings every service reads, as ConfigMap data. Call with (dict "root" $ "user" <nats user> "port" <port>). */}}
{{- define "slipstream.commonConfig" -}}
LOG_LEVEL: {{ .root.Values.config.logLevel | quote }}
HTTP_HOST: {{ .root.Values.config.httpHost | quote }}
HTTP_PORT: {{ .port | int | quote }}
NATS_URL: {{ include "slipstream.natsUrl" .root | quote }}
NATS_USER: {{ .user | quote }}
NATS_PROVISION: {{ .root.Values.config.natsProvisionOnStart | toString | quote }}
SHUTDOWN_TIMEOUT_MS: {{ .root.Values.config.shutdownTimeoutMs | int | quote }}
RATE_LIMIT_ENABLED: {{ .root.Values.config.rateLimit.enabled | toString | quote }}
RATE_LIMIT_PER_SECOND: {{ .root.Values.config.rateLimit.perSecond | int | quote }}
RATE_LIMIT_BURST: {{ .root.Values.config.rateLimit.burst | int | quote }}
{{- $hops := .root.Values.config.rateLimit.trustedProxyHops }}
{{- if eq (toString $hops) "auto" }}
{{- /* Behind the chart's ingress every request comes from the controller: the client is one hop out. */}}
{{- $hops = 0 }}
{{- if .root.Values.ingress.enabled }}
{{- $hops = 1 }}
{{- end }}
{{- end }}
RATE_LIMIT_TRUSTED_PROXY_HOPS: {{ $hops | int | quote }}
{{- end -}}

{{- define "slipstream.consumerConfig" -}}
CONSUMER_BATCH_SIZE: {{ .Values.config.consumer.batchSize | int | quote }}
CONSUMER_MAX_DELIVER: {{ .Values.config.consumer.maxDeliver | int | quote }}
CONSUMER_ACK_WAIT_MS: {{ .Values.config.consumer.ackWaitMs | int | quote }}
{{- end -}}

{{/*
A service's Deployment. Call with a dict:
  root       the chart context ($)
  component  e.g. "ingestion" (names, labels, image)
  values     the service's values (.Values.ingestion)
  secretEnv  list of (dict "name" ENV "key" SECRET_KEY "optional" bool)
  dataVolume optional volume source mounted at dataMountPath
*/}}
{{- define "slipstream.deployment" -}}
{{- $root := .root -}}
{{- $fullname := printf "%s-%s" (include "slipstream.fullname" $root) .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $fullname }}
  labels:
    {{- include "slipstream.componentLabels" . | nindent 4 }}
spec:
  {{- if not (and .values.autoscaling .values.autoscaling.enabled) }}
  replicas: {{ .values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  {{- if eq (int .values.replicaCount) 1 }}
  strategy:
    type: Recreate
  {{- else }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  {{- end }}
  selector:
    matchLabels:
      {{- include "slipstream.componentSelectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "slipstream.componentSelectorLabels" . | nindent 8 }}
      annotations:
        checksum/config: {{ list $root.Values.config $root.Values.natsConnection $root.Values.clickhouseConnection .values | toJson | sha256sum }}
        {{- with .values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "slipstream.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ add (div $root.Values.config.shutdownTimeoutMs 1000) 15 }}
      containers:
        - name: {{ .component }}
          image: {{ include "slipstream.image" . | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .values.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ $fullname }}
          env:
            {{- range .secretEnv }}
            - name: {{ .name }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "slipstream.credentialsSecretName" $root }}
                  key: {{ .key }}
                  {{- if .optional }}
                  optional: true
                  {{- end }}
            {{- end }}
            {{- with .values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          startupProbe:
            httpGet:
              path: /health/live
              port: http
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: /health/live
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /health/ready
              port: http
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if .dataVolume }}
            - name: data
              mountPath: {{ .dataMountPath }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
        {{- if .dataVolume }}
        - name: data
          {{- toYaml .dataVolume | nindent 10 }}
        {{- end }}
      {{- with .values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{/* A service's ClusterIP Service; same dict as slipstream.deployment. */}}
{{- define "slipstream.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ printf "%s-%s" (include "slipstream.fullname" .root) .component }}
  labels:
    {{- include "slipstream.componentLabels" . | nindent 4 }}
spec:
  type: {{ .root.Values.service.type }}
  selector:
    {{- include "slipstream.componentSelectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.port }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{/* A service's PodDisruptionBudget when values.pdb.enabled; same dict as slipstream.deployment. */}}
{{- define "slipstream.pdb" -}}
{{- if .values.pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ printf "%s-%s" (include "slipstream.fullname" .root) .component }}
  labels:
    {{- include "slipstream.componentLabels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "slipstream.componentSelectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* Fails rendering when bundled dependencies would read a different Secret than the services. */}}
{{- define "slipstream.validate" -}}
{{- $secret := include "slipstream.credentialsSecretName" . -}}
{{- if .Values.nats.enabled -}}
{{- range $var, $spec := .Values.nats.container.env -}}
{{- if and (hasSuffix "_PASSWORD" $var) (kindIs "map" $spec) -}}
{{- $ref := $spec.valueFrom.secretKeyRef -}}
{{- /* The NATS chart renders a $tplYaml map in the release's context; so does this check. */ -}}
{{- if hasKey $ref "$tplYaml" -}}
{{- $ref = tpl (get $ref "$tplYaml") $ | fromYaml -}}
{{- end -}}
{{- if ne $ref.name $secret -}}
{{- fail (printf "nats.container.env.%s reads Secret %q; set it to %q (the credentials Secret)" $var $ref.name $secret) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if .Values.clickhouse.enabled -}}
{{- $bundled := .Values.clickhouse.clickhouse.defaultUser -}}
{{- if not $bundled.password_secret_name -}}
{{- fail "clickhouse.clickhouse.defaultUser.password_secret_name must name a Secret: without one the bundled ClickHouse admin has an empty password" -}}
{{- end -}}
{{- if $bundled.allowExternalAccess -}}
{{- fail "clickhouse.clickhouse.defaultUser.allowExternalAccess opens the admin user to 0.0.0.0/0; set hostIP to your pod network instead" -}}
{{- end -}}
{{- if and .Values.clickhouseConnection.admin.secretName (ne .Values.clickhouseConnection.admin.secretName $bundled.password_secret_name) -}}
{{- fail (printf "clickhouseConnection.admin.secretName is %q but the bundled ClickHouse reads %q (clickhouse.clickhouse.defaultUser.password_secret_name)" .Values.clickhouseConnection.admin.secretName $bundled.password_secret_name) -}}
{{- end -}}
{{- if and .Values.clickhouseConnection.admin.secretName (ne .Values.clickhouseConnection.admin.secretKey "password") -}}
{{- fail "clickhouseConnection.admin.secretKey must be \"password\": the key Altinity's chart reads" -}}
{{- end -}}
{{- end -}}
{{- if and (not (include "slipstream.clickhouseUrl" .)) (gt (int .Values.projection.replicaCount) 1) -}}
{{- fail "projection.replicaCount must be 1 with embedded chDB (no clickhouse.enabled, no clickhouseConnection.externalUrl)" -}}
{{- end -}}
{{- end -}}
