{{- define "tamma.labels" -}}
app.kubernetes.io/name: tamma
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}
