{{- define "tamma.labels" -}}
app.kubernetes.io/name: tamma
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of a component; kept to these two so that upgrades keep their selectors. */}}
{{- define "tamma.selector" -}}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "tamma.orchestrator.name" -}}
{{ .Release.Name }}-orchestrator
{{- end -}}

{{- define "tamma.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* The scratch directories of a read-only container: the Tamma home and /tmp. */}}
{{- define "tamma.scratchMounts" -}}
- name: home
  mountPath: /var/lib/tamma
- name: tmp
  mountPath: /tmp
{{- end -}}

{{- define "tamma.scratchVolumes" -}}
- name: home
  emptyDir:
    sizeLimit: {{ .sizeLimit }}
- name: tmp
  emptyDir:
    sizeLimit: {{ .sizeLimit }}
{{- end -}}
