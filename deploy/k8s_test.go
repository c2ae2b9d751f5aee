package deploy_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/resmap"
	kresource "sigs.k8s.io/kustomize/api/resource"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// overlays are the environments under k8s/overlays.
var overlays = []string{"staging", "production", "development"}

// clouds are the components under k8s/components/external-secrets; the
// overlays use the first, and each is built in its place.
var clouds = []string{"aws", "gcp", "azure"}

// build is one overlay's output, each object decoded into its API type.
type build struct {
	name            string
	cloud           string
	namespace       string
	ns              *corev1.Namespace
	deployment      *appsv1.Deployment
	services        map[string]*corev1.Service
	service         *corev1.Service // the server's, named aijudge
	serviceAccount  *corev1.ServiceAccount
	pdb             *policyv1.PodDisruptionBudget
	hpa             *autoscalingv2.HorizontalPodAutoscaler
	configMaps      map[string]*corev1.ConfigMap
	serviceMonitors []*serviceMonitor
	statefulSets    []*appsv1.StatefulSet
	cronJobs        []*batchv1.CronJob
	ingresses       []*networkingv1.Ingress
	policies        []*networkingv1.NetworkPolicy
	externalSecrets []*externalSecret
	secretStores    []*secretStore
}

// newObject returns an empty value of the API type for apiVersion and
// kind, or nil for a type these manifests are not expected to hold.
func newObject(apiVersion, kind string) any {
	switch apiVersion + " " + kind {
	case "v1 Namespace":
		return &corev1.Namespace{}
	case "apps/v1 Deployment":
		return &appsv1.Deployment{}
	case "apps/v1 StatefulSet":
		return &appsv1.StatefulSet{}
	case "batch/v1 CronJob":
		return &batchv1.CronJob{}
	case "v1 Service":
		return &corev1.Service{}
	case "v1 ServiceAccount":
		return &corev1.ServiceAccount{}
	case "v1 ConfigMap":
		return &corev1.ConfigMap{}
	case "policy/v1 PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}
	case "autoscaling/v2 HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}
	case "networking.k8s.io/v1 Ingress":
		return &networkingv1.Ingress{}
	case "networking.k8s.io/v1 NetworkPolicy":
		return &networkingv1.NetworkPolicy{}
	case "monitoring.coreos.com/v1 ServiceMonitor":
		return &serviceMonitor{}
	case "external-secrets.io/v1 ExternalSecret":
		return &externalSecret{}
	case "external-secrets.io/v1 SecretStore":
		return &secretStore{}
	case "cert-manager.io/v1 ClusterIssuer":
		return &clusterIssuer{}
	}
	return nil
}

// decodeStrict decodes r into the API type of its kind as the API server
// would: an unknown or duplicated field is an error, where kubectl apply
// would drop it or a client-side decoder would ignore it.
func decodeStrict(t *testing.T, where string, r *kresource.Resource) any {
	t.Helper()
	obj := newObject(r.GetApiVersion(), r.GetKind())
	if obj == nil {
		t.Errorf("%s: apiVersion %s kind %s is not one this test decodes; add it to newObject", where, r.GetApiVersion(), r.GetKind())
		return nil
	}
	data, err := r.MarshalJSON()
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	strict, err := kjson.UnmarshalStrict(data, obj, kjson.DisallowDuplicateFields, kjson.DisallowUnknownFields)
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return nil
	}
	for _, e := range strict {
		t.Errorf("%s: %v", where, e)
	}
	return obj
}

// kustomizeMu runs one kustomize build at a time: kustomize's package
// state (its schema and transformer registries) is not safe for builds
// that run at once, and the race detector has caught two parallel
// builds writing it.
var kustomizeMu sync.Mutex

// runKustomize is krusty's Run under kustomizeMu.
func runKustomize(opts *krusty.Options, fs filesys.FileSystem, dir string) (resmap.ResMap, error) {
	kustomizeMu.Lock()
	defer kustomizeMu.Unlock()
	return krusty.MakeKustomizer(opts).Run(fs, dir)
}

// kustomize runs `kustomize build` on dir (a path under deploy/) in-process
// on fs.
func kustomize(t *testing.T, fs filesys.FileSystem, dir string) resmap.ResMap {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	resources, err := runKustomize(krusty.MakeDefaultOptions(), fs, abs)
	if err != nil {
		t.Fatalf("kustomize build %s: %v", dir, err)
	}
	return resources
}

// withCloud is the file system of deploy/k8s with the overlay's
// External Secrets component swapped for cloud's.
func withCloud(t *testing.T, overlay, cloud string) filesys.FileSystem {
	t.Helper()
	disk := filesys.MakeFsOnDisk()
	if cloud == clouds[0] {
		return disk
	}
	mem := filesys.MakeFsInMemory()
	root, err := filepath.Abs("k8s")
	if err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if p == filepath.Join(root, "overlays", overlay, "kustomization.yaml") {
			from, to := "components/external-secrets/"+clouds[0], "components/external-secrets/"+cloud
			if !bytes.Contains(b, []byte(from)) {
				t.Fatalf("overlay %s does not use %s", overlay, from)
			}
			b = bytes.ReplaceAll(b, []byte(from), []byte(to))
		}
		return mem.WriteFile(p, b)
	})
	if err != nil {
		t.Fatal(err)
	}
	return mem
}

// kustomizeBuild builds k8s/overlays/name with cloud's External Secrets
// component and decodes every object strictly.
func kustomizeBuild(t *testing.T, name, cloud string) *build {
	t.Helper()
	resources := kustomize(t, withCloud(t, name, cloud), filepath.Join("k8s", "overlays", name))
	b := &build{name: name, cloud: cloud, configMaps: map[string]*corev1.ConfigMap{}, services: map[string]*corev1.Service{}}
	for _, r := range resources.Resources() {
		where := fmt.Sprintf("%s: %s %s", name, r.GetKind(), r.GetName())
		if r.GetKind() == "Secret" {
			t.Errorf("%s: secrets are created outside the manifests, never kept in them", where)
			continue
		}
		obj := decodeStrict(t, where, r)
		if obj == nil {
			continue
		}
		if _, ok := obj.(*corev1.Namespace); ok {
			// Cluster-scoped: its name is the namespace of the rest.
		} else if ns := r.GetNamespace(); ns == "" {
			t.Errorf("%s: no namespace", where)
		} else if b.namespace == "" {
			b.namespace = ns
		} else if ns != b.namespace {
			t.Errorf("%s: namespace %s, others are in %s", where, ns, b.namespace)
		}
		switch o := obj.(type) {
		case *corev1.Namespace:
			b.ns = once(t, where, b.ns, o)
		case *appsv1.Deployment:
			b.deployment = once(t, where, b.deployment, o)
		case *appsv1.StatefulSet:
			b.statefulSets = append(b.statefulSets, o)
		case *batchv1.CronJob:
			b.cronJobs = append(b.cronJobs, o)
		case *corev1.Service:
			b.services[o.Name] = o
		case *corev1.ServiceAccount:
			b.serviceAccount = once(t, where, b.serviceAccount, o)
		case *policyv1.PodDisruptionBudget:
			b.pdb = once(t, where, b.pdb, o)
		case *autoscalingv2.HorizontalPodAutoscaler:
			b.hpa = once(t, where, b.hpa, o)
		case *corev1.ConfigMap:
			b.configMaps[o.Name] = o
		case *serviceMonitor:
			b.serviceMonitors = append(b.serviceMonitors, o)
		case *networkingv1.Ingress:
			b.ingresses = append(b.ingresses, o)
		case *networkingv1.NetworkPolicy:
			b.policies = append(b.policies, o)
		case *externalSecret:
			b.externalSecrets = append(b.externalSecrets, o)
		case *secretStore:
			b.secretStores = append(b.secretStores, o)
		default:
			t.Errorf("%s: not expected in an overlay", where)
		}
	}
	b.service = b.services["aijudge"]
	if b.deployment == nil || b.service == nil || b.serviceAccount == nil || b.ns == nil {
		t.Fatalf("%s: want a Namespace, a Deployment, the Service aijudge and a ServiceAccount", name)
	}
	if b.ns.Name != b.namespace {
		t.Errorf("Namespace %s; the objects are in %s", b.ns.Name, b.namespace)
	}
	if r := b.deployment.Spec.Replicas; (r == nil || *r > 1) && (b.pdb == nil || b.hpa == nil) {
		t.Fatalf("%s: more than one replica wants a PodDisruptionBudget and a HorizontalPodAutoscaler", name)
	}
	return b
}

func once[T any](t *testing.T, where string, have, o *T) *T {
	t.Helper()
	if have != nil {
		t.Errorf("%s: a second one", where)
	}
	return o
}

func TestKustomizeOverlays(t *testing.T) {
	t.Parallel()
	for _, name := range overlays {
		for _, cloud := range clouds {
			t.Run(name+"/"+cloud, func(t *testing.T) {
				t.Parallel()
				b := kustomizeBuild(t, name, cloud)
				b.checkAll(t)
			})
		}
	}
}

func (b *build) checkAll(t *testing.T) {
	t.Helper()
	t.Run("namespace", b.checkNamespace)
	t.Run("container", b.checkContainer)
	t.Run("security", b.checkSecurity)
	t.Run("probes", b.checkProbes)
	t.Run("resources", b.checkResources)
	t.Run("settings", b.checkSettings)
	t.Run("scaling", b.checkScaling)
	t.Run("service", b.checkService)
	t.Run("metrics", b.checkMetrics)
	t.Run("ingress", b.checkIngress)
	t.Run("network", b.checkNetworkPolicies)
	t.Run("secrets", b.checkSecrets)
}

// server returns the container that runs the service.
func (b *build) server(t *testing.T) *corev1.Container {
	t.Helper()
	_, want := alertSelectors(t)
	for i, c := range b.deployment.Spec.Template.Spec.Containers {
		if c.Name == want {
			return &b.deployment.Spec.Template.Spec.Containers[i]
		}
	}
	t.Fatalf("no container named %q (the name AIJudgePodRestarting selects)", want)
	return nil
}

// allContainers returns the init containers and the containers.
func (b *build) allContainers() []corev1.Container {
	spec := b.deployment.Spec.Template.Spec
	return append(slices.Clone(spec.InitContainers), spec.Containers...)
}

// port returns the number of the server's container port that p names.
func (b *build) port(t *testing.T, p intstr.IntOrString) int32 {
	t.Helper()
	for _, cp := range b.server(t).Ports {
		if (p.Type == intstr.String && cp.Name == p.StrVal) || (p.Type == intstr.Int && cp.ContainerPort == p.IntVal) {
			return cp.ContainerPort
		}
	}
	t.Errorf("port %s is not a port of the server container", p.String())
	return 0
}

func (b *build) checkContainer(t *testing.T) {
	c := b.server(t)
	if len(b.deployment.Spec.Template.Spec.Containers) != 1 {
		t.Errorf("want one container, have %d", len(b.deployment.Spec.Template.Spec.Containers))
	}
	image := c.Image
	name, tag, _ := strings.Cut(image[strings.LastIndex(image, "/")+1:], ":")
	switch {
	case strings.Contains(image, "@sha256:"):
	case tag == "" || tag == "latest":
		t.Errorf("image %q: an overlay must pin a tag (not latest) or a digest", image)
	case name != "aijudge":
		t.Errorf("image %q is not the aijudge image", image)
	}
	if len(c.Args) == 0 || c.Args[0] != "serve" {
		t.Errorf("server args %q, want serve", c.Args)
	}
	// With PostgreSQL, AUTO_MIGRATE is off: migrations must run before the
	// server, from the same image, so that they are the release's own.
	init := b.deployment.Spec.Template.Spec.InitContainers
	if len(init) != 1 || len(init[0].Args) == 0 || init[0].Args[0] != "migrate" {
		t.Fatalf("want one init container running migrate, have %d", len(init))
	}
	if init[0].Image != image {
		t.Errorf("migrate runs %s, the server %s", init[0].Image, image)
	}
	if !reflect.DeepEqual(init[0].EnvFrom, c.EnvFrom) || !reflect.DeepEqual(settingsEnv(init[0].Env), settingsEnv(c.Env)) {
		t.Error("migrate must run with the server's settings")
	}
}

// settingsEnv is env without what each container takes from its own
// resources (GOMEMLIMIT from its memory limit).
func settingsEnv(env []corev1.EnvVar) []corev1.EnvVar {
	var out []corev1.EnvVar
	for _, e := range env {
		if e.ValueFrom == nil || e.ValueFrom.ResourceFieldRef == nil {
			out = append(out, e)
		}
	}
	return out
}

// pods returns the pod templates of the build: the server's and those of
// its components.
func (b *build) pods() map[string]*corev1.PodTemplateSpec {
	out := map[string]*corev1.PodTemplateSpec{"Deployment " + b.deployment.Name: &b.deployment.Spec.Template}
	for _, s := range b.statefulSets {
		out["StatefulSet "+s.Name] = &s.Spec.Template
	}
	for _, c := range b.cronJobs {
		out["CronJob "+c.Name] = &c.Spec.JobTemplate.Spec.Template
	}
	return out
}

func (b *build) checkSecurity(t *testing.T) {
	spec := b.deployment.Spec.Template.Spec
	if sa := b.serviceAccount; spec.ServiceAccountName != sa.Name || sa.AutomountServiceAccountToken == nil || *sa.AutomountServiceAccountToken {
		t.Errorf("pod runs as %q; want the ServiceAccount %q, with automountServiceAccountToken false", spec.ServiceAccountName, sa.Name)
	}
	for name, pod := range b.pods() {
		checkPodSecurity(t, name, &pod.Spec)
	}
}

// checkPodSecurity checks what the restricted Pod Security Standard, which
// the namespace enforces, demands of a pod, and more: a read-only root, no
// service account token.
func checkPodSecurity(t *testing.T, name string, spec *corev1.PodSpec) {
	psc := spec.SecurityContext
	if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot {
		t.Errorf("%s: runAsNonRoot must be true", name)
	}
	if psc == nil || psc.RunAsUser == nil || *psc.RunAsUser == 0 {
		t.Errorf("%s: runAsUser must be a non-zero UID", name)
	}
	if psc == nil || psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("%s: seccompProfile must be RuntimeDefault", name)
	}
	if spec.AutomountServiceAccountToken == nil || *spec.AutomountServiceAccountToken {
		t.Errorf("%s: automountServiceAccountToken must be false", name)
	}
	if spec.HostNetwork || spec.HostPID || spec.HostIPC {
		t.Errorf("%s: shares a host namespace", name)
	}
	for _, v := range spec.Volumes {
		if v.HostPath != nil {
			t.Errorf("%s: volume %s is a hostPath", name, v.Name)
		}
	}
	for _, c := range append(slices.Clone(spec.InitContainers), spec.Containers...) {
		where := name + " " + c.Name
		sc := c.SecurityContext
		if sc == nil {
			t.Errorf("%s: no securityContext", where)
			continue
		}
		if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			t.Errorf("%s: readOnlyRootFilesystem must be true", where)
		}
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			t.Errorf("%s: allowPrivilegeEscalation must be false", where)
		}
		if sc.Privileged != nil && *sc.Privileged {
			t.Errorf("%s: privileged", where)
		}
		if sc.Capabilities == nil || !slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(sc.Capabilities.Add) > 0 {
			t.Errorf("%s: capabilities must drop ALL and add none", where)
		}
		if sc.RunAsUser != nil && *sc.RunAsUser == 0 {
			t.Errorf("%s: runs as root", where)
		}
		for _, p := range c.Ports {
			if p.HostPort != 0 {
				t.Errorf("%s: hostPort %d", where, p.HostPort)
			}
		}
		req, lim := c.Resources.Requests, c.Resources.Limits
		if q, ok := req[corev1.ResourceMemory]; !ok || q.IsZero() {
			t.Errorf("%s: no memory request", where)
		}
		if q, ok := lim[corev1.ResourceMemory]; !ok || q.IsZero() {
			t.Errorf("%s: no memory limit", where)
		}
	}
}

func (b *build) checkNamespace(t *testing.T) {
	l := b.ns.Labels
	if l["pod-security.kubernetes.io/enforce"] != "restricted" {
		t.Errorf("Namespace %s: pod-security.kubernetes.io/enforce %q, want restricted", b.ns.Name, l["pod-security.kubernetes.io/enforce"])
	}
	if want := "aijudge-" + b.name; b.namespace != want {
		t.Errorf("namespace %s, want %s", b.namespace, want)
	}
}

func (b *build) checkProbes(t *testing.T) {
	c := b.server(t)
	routes := getRoutes(t)
	for _, p := range []struct {
		kind  string
		probe *corev1.Probe
		path  string
	}{
		{"startupProbe", c.StartupProbe, "/livez"},
		{"livenessProbe", c.LivenessProbe, "/livez"},
		{"readinessProbe", c.ReadinessProbe, "/readyz"},
	} {
		if p.probe == nil || p.probe.HTTPGet == nil {
			t.Errorf("%s: want an httpGet probe", p.kind)
			continue
		}
		g := p.probe.HTTPGet
		if g.Path != p.path || !routes[g.Path] {
			t.Errorf("%s: path %s; want %s, which internal/web serves", p.kind, g.Path, p.path)
		}
		if got, want := b.port(t, g.Port), b.listenPort(t); got != want {
			t.Errorf("%s: port %d, the service listens on %d", p.kind, got, want)
		}
	}
	// /readyz pings the database with a 3 s deadline; a shorter probe
	// timeout would fail while the answer is on its way.
	if rp := c.ReadinessProbe; rp != nil && rp.TimeoutSeconds <= 3 {
		t.Errorf("readinessProbe: timeoutSeconds %d, want more than the 3 s /readyz may take", rp.TimeoutSeconds)
	}
}

func (b *build) checkResources(t *testing.T) {
	for _, c := range b.allContainers() {
		req, lim := c.Resources.Requests, c.Resources.Limits
		for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
			if q, ok := req[r]; !ok || q.IsZero() {
				t.Errorf("%s: no %s request", c.Name, r)
			}
		}
		mem, ok := lim[corev1.ResourceMemory]
		if !ok || mem.IsZero() {
			t.Errorf("%s: no memory limit", c.Name)
		} else if q := req[corev1.ResourceMemory]; mem.Cmp(q) < 0 {
			t.Errorf("%s: memory limit %s below the request %s", c.Name, mem.String(), q.String())
		}
	}
	if c := b.server(t); c.Resources.Requests.Memory().Cmp(resource.MustParse("64Mi")) < 0 {
		t.Errorf("server: a memory request of %s is below what the process takes idle", c.Resources.Requests.Memory())
	}
}

// settingsOf returns the environment the container starts with, from its
// env and the ConfigMaps of its envFrom.
func (b *build) settingsOf(t *testing.T, c corev1.Container) map[string]string {
	t.Helper()
	env := map[string]string{}
	for _, from := range c.EnvFrom {
		if from.Prefix != "" {
			t.Errorf("%s: envFrom prefix %q", c.Name, from.Prefix)
		}
		if from.ConfigMapRef == nil {
			t.Errorf("%s: envFrom may name ConfigMaps only; secrets are mounted as files", c.Name)
			continue
		}
		cm, ok := b.configMaps[from.ConfigMapRef.Name]
		if !ok {
			t.Errorf("%s: envFrom names ConfigMap %s, which the build does not contain", c.Name, from.ConfigMapRef.Name)
			continue
		}
		for k, v := range cm.Data {
			env[k] = v
		}
	}
	for _, e := range c.Env {
		if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
			env[e.Name] = "(from a secret)"
			continue
		}
		env[e.Name] = e.Value
	}
	return env
}

// listenPort is the port the server's settings make it listen on.
func (b *build) listenPort(t *testing.T) int32 {
	t.Helper()
	p, ok := b.settingsOf(t, *b.server(t))["PORT"]
	if !ok {
		return int32(defaultPort(t))
	}
	var n int32
	if _, err := fmt.Sscan(p, &n); err != nil {
		t.Fatalf("PORT=%q", p)
	}
	return n
}

func (b *build) checkSettings(t *testing.T) {
	secrets := secretSettings(t)
	if l := b.deployment.Spec.Template.Spec.EnableServiceLinks; l == nil || *l {
		t.Error("enableServiceLinks must be false: service links set variables such as REDIS_PORT=tcp://…, which are also settings")
	}
	for _, cm := range b.configMaps {
		names := make([]string, 0, len(cm.Data))
		for k := range cm.Data {
			names = append(names, k)
		}
		checkSettingNames(t, "ConfigMap "+cm.Name, names)
		for k := range cm.Data {
			if secrets[k] {
				t.Errorf("ConfigMap %s holds the secret %s; mount it and set %s_FILE", cm.Name, k, k)
			}
		}
		if len(cm.BinaryData) > 0 {
			t.Errorf("ConfigMap %s: binaryData", cm.Name)
		}
	}
	for _, c := range b.allContainers() {
		var names []string
		for _, e := range c.Env {
			names = append(names, e.Name)
			if secrets[e.Name] && (e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil) {
				t.Errorf("%s: env %s must come from a Secret", c.Name, e.Name)
			}
		}
		checkSettingNames(t, c.Name+" env", names)

		env := b.settingsOf(t, c)
		// Every NAME_FILE is a file of a mounted Secret volume.
		for k, v := range env {
			if base, ok := strings.CutSuffix(k, "_FILE"); ok && secrets[base] && !b.secretMounted(c, v) {
				t.Errorf("%s: %s=%s is not in a mounted Secret volume", c.Name, k, v)
			}
		}
		// The root file system is read-only: DATA_DIR and the temporary
		// directory must be volumes.
		for _, dir := range []string{env["DATA_DIR"], "/tmp"} {
			if dir == "" {
				t.Errorf("%s: DATA_DIR is not set; its default ./data is on the read-only root", c.Name)
			} else if !b.writable(c, dir) {
				t.Errorf("%s: %s is not a writable volume", c.Name, dir)
			}
		}
		if env["AUTO_MIGRATE"] == "true" {
			t.Errorf("%s: AUTO_MIGRATE=true; the migrate init container applies migrations", c.Name)
		}
		loadSettings(t, c.Name, env, func(name, _ string) string { return fakeSecret(name) })
	}
}

// volume returns the pod volume a mount uses.
func (b *build) volume(name string) *corev1.Volume {
	for i, v := range b.deployment.Spec.Template.Spec.Volumes {
		if v.Name == name {
			return &b.deployment.Spec.Template.Spec.Volumes[i]
		}
	}
	return nil
}

func (b *build) secretMounted(c corev1.Container, path string) bool {
	for _, m := range c.VolumeMounts {
		v := b.volume(m.Name)
		if v != nil && v.Secret != nil && m.SubPath == "" && strings.HasPrefix(path, strings.TrimSuffix(m.MountPath, "/")+"/") {
			return true
		}
	}
	return false
}

func (b *build) writable(c corev1.Container, dir string) bool {
	for _, m := range c.VolumeMounts {
		v := b.volume(m.Name)
		if v != nil && v.EmptyDir != nil && !m.ReadOnly && m.MountPath == dir {
			return true
		}
	}
	return false
}

func (b *build) podLabels() labels.Set { return b.deployment.Spec.Template.Labels }

// selects reports whether s selects the pods of the Deployment.
func (b *build) selects(t *testing.T, s *metav1.LabelSelector) bool {
	t.Helper()
	if s == nil || len(s.MatchLabels)+len(s.MatchExpressions) == 0 {
		return false
	}
	sel, err := metav1.LabelSelectorAsSelector(s)
	if err != nil {
		t.Error(err)
		return false
	}
	return sel.Matches(b.podLabels())
}

func (b *build) checkScaling(t *testing.T) {
	d, hpa, pdb := b.deployment, b.hpa, b.pdb
	if !b.selects(t, d.Spec.Selector) {
		t.Errorf("Deployment selector %v does not select its own pods %v", d.Spec.Selector, b.podLabels())
	}
	if s := d.Spec.Strategy.RollingUpdate; s == nil || s.MaxUnavailable == nil || s.MaxUnavailable.IntValue() != 0 {
		t.Error("Deployment: a rolling update must keep every replica serving (maxUnavailable 0)")
	}
	if d.Spec.Replicas == nil {
		t.Fatal("Deployment: no replicas")
	}
	replicas := *d.Spec.Replicas
	if replicas == 1 {
		// Development: a PDB would block every drain, an HPA would fight
		// the single replica.
		if b.name == "production" {
			t.Error("production runs one replica")
		}
		if pdb != nil || hpa != nil {
			t.Error("one replica: want neither a PodDisruptionBudget (no node could be drained) nor a HorizontalPodAutoscaler")
		}
		return
	}
	if replicas < 2 {
		t.Fatal("Deployment: want one replica, or at least 2")
	}
	if b.name == "production" && replicas < 3 {
		t.Errorf("production: %d replicas; the guide runs three, one per zone", replicas)
	}
	ref := hpa.Spec.ScaleTargetRef
	if ref.APIVersion != "apps/v1" || ref.Kind != "Deployment" || ref.Name != d.Name {
		t.Errorf("HorizontalPodAutoscaler scales %s %s, not the Deployment", ref.Kind, ref.Name)
	}
	if hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas != replicas {
		t.Errorf("HorizontalPodAutoscaler minReplicas %v; want the Deployment's replicas, %d, so that an apply does not scale below it", hpa.Spec.MinReplicas, replicas)
	}
	if hpa.Spec.MaxReplicas < replicas {
		t.Errorf("HorizontalPodAutoscaler maxReplicas %d below the %d replicas", hpa.Spec.MaxReplicas, replicas)
	}
	if b.name == "production" && hpa.Spec.MaxReplicas != 20 {
		t.Errorf("production: maxReplicas %d, the guide's is 20", hpa.Spec.MaxReplicas)
	}
	// The guide's targets: CPU at 70 % and memory at 80 % of the requests.
	targets := map[corev1.ResourceName]int32{}
	for _, m := range hpa.Spec.Metrics {
		if m.Type != autoscalingv2.ResourceMetricSourceType || m.Resource == nil || m.Resource.Target.Type != autoscalingv2.UtilizationMetricType || m.Resource.Target.AverageUtilization == nil {
			t.Errorf("HorizontalPodAutoscaler: metric %+v is not a resource utilization", m)
			continue
		}
		targets[m.Resource.Name] = *m.Resource.Target.AverageUtilization
	}
	if want := map[corev1.ResourceName]int32{corev1.ResourceCPU: 70, corev1.ResourceMemory: 80}; !maps.Equal(targets, want) {
		t.Errorf("HorizontalPodAutoscaler targets %v, want %v", targets, want)
	}
	// The guide's behaviour: up after 60 s by half again per minute; down
	// after 300 s by one pod per minute.
	rules := func(window int32, typ autoscalingv2.HPAScalingPolicyType, value int32) *autoscalingv2.HPAScalingRules {
		return &autoscalingv2.HPAScalingRules{StabilizationWindowSeconds: &window,
			Policies: []autoscalingv2.HPAScalingPolicy{{Type: typ, Value: value, PeriodSeconds: 60}}}
	}
	want := autoscalingv2.HorizontalPodAutoscalerBehavior{
		ScaleUp:   rules(60, autoscalingv2.PercentScalingPolicy, 50),
		ScaleDown: rules(300, autoscalingv2.PodsScalingPolicy, 1),
	}
	if got := hpa.Spec.Behavior; got == nil || !apiequality.Semantic.DeepEqual(*got, want) {
		t.Errorf("HorizontalPodAutoscaler behavior %s, want %s", toJSON(got), toJSON(want))
	}
	if !b.selects(t, pdb.Spec.Selector) {
		t.Errorf("PodDisruptionBudget selector %v does not select the pods %v", pdb.Spec.Selector, b.podLabels())
	}
	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.Type != intstr.Int {
		t.Fatal("PodDisruptionBudget: want minAvailable as a number of pods")
	}
	if n := pdb.Spec.MinAvailable.IntVal; n < 1 || n >= replicas {
		t.Errorf("PodDisruptionBudget minAvailable %d; want at least 1 and fewer than the %d replicas, or no node can be drained", n, replicas)
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func (b *build) checkService(t *testing.T) {
	s := b.service
	if len(s.Spec.Selector) == 0 || !labels.SelectorFromSet(s.Spec.Selector).Matches(b.podLabels()) {
		t.Errorf("Service selector %v does not select the pods %v", s.Spec.Selector, b.podLabels())
	}
	want := map[string]int32{"http": b.listenPort(t), "metrics": b.metricsPort(t)}
	for _, p := range s.Spec.Ports {
		w, ok := want[p.Name]
		if !ok {
			t.Errorf("Service port %s: want only the ports http and metrics", p.Name)
			continue
		}
		delete(want, p.Name)
		if got := b.port(t, p.TargetPort); got != w {
			t.Errorf("Service port %s: targets %d, the service listens for it on %d", p.Name, got, w)
		}
	}
	for name := range want {
		t.Errorf("Service: no port %s", name)
	}
	for _, svc := range b.services {
		if svc == s {
			continue
		}
		sel := labels.SelectorFromSet(svc.Spec.Selector)
		if len(svc.Spec.Selector) == 0 || sel.Matches(b.podLabels()) {
			t.Errorf("Service %s selects the server's pods, or every pod", svc.Name)
		}
	}
}

// metricsPort is the port METRICS_ADDR makes the server serve /metrics
// on; the container port named metrics must be it.
func (b *build) metricsPort(t *testing.T) int32 {
	t.Helper()
	addr, ok := b.settingsOf(t, *b.server(t))["METRICS_ADDR"]
	if !ok {
		t.Fatal("METRICS_ADDR is not set: /metrics would share the port the Ingress routes")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("METRICS_ADDR=%q: %v", addr, err)
	}
	if host != "0.0.0.0" && host != "" {
		t.Errorf("METRICS_ADDR=%q: Prometheus scrapes the pod's address, not its loopback", addr)
	}
	n, err := strconv.ParseInt(port, 10, 32)
	if err != nil {
		t.Fatalf("METRICS_ADDR=%q: %v", addr, err)
	}
	if got := b.port(t, intstr.FromString("metrics")); got != int32(n) {
		t.Errorf("container port metrics is %d, METRICS_ADDR says %d", got, n)
	}
	return int32(n)
}

func (b *build) checkMetrics(t *testing.T) {
	routes := getRoutes(t)
	job, _ := alertSelectors(t)
	a := b.deployment.Spec.Template.Annotations
	if a["prometheus.io/scrape"] == "true" {
		if want := fmt.Sprint(b.metricsPort(t)); a["prometheus.io/port"] != want {
			t.Errorf("prometheus.io/port %q, the metrics are on %s", a["prometheus.io/port"], want)
		}
		if !routes[a["prometheus.io/path"]] {
			t.Errorf("prometheus.io/path %q is not a route of internal/web", a["prometheus.io/path"])
		}
	}
	for _, sm := range b.serviceMonitors {
		sel, err := metav1.LabelSelectorAsSelector(&sm.Spec.Selector)
		if err != nil || !sel.Matches(labels.Set(b.service.Labels)) {
			t.Errorf("ServiceMonitor %s does not select the Service %s", sm.Name, b.service.Name)
		}
		// The Prometheus Operator names the job after the Service, or
		// after the Service's label that jobLabel names.
		jobName := b.service.Name
		if sm.Spec.JobLabel != "" {
			jobName = b.service.Labels[sm.Spec.JobLabel]
		}
		if !job.MatchString(jobName) {
			t.Errorf("ServiceMonitor %s: job %q does not match %s, which AIJudgeTargetDown selects", sm.Name, jobName, job)
		}
		for _, e := range sm.Spec.Endpoints {
			i := slices.IndexFunc(b.service.Spec.Ports, func(p corev1.ServicePort) bool { return p.Name == e.Port })
			if i < 0 {
				t.Errorf("ServiceMonitor %s: port %q is not a port of the Service", sm.Name, e.Port)
			} else if got := b.port(t, b.service.Spec.Ports[i].TargetPort); got != b.metricsPort(t) {
				t.Errorf("ServiceMonitor %s: port %q reaches %d, the metrics are on %d", sm.Name, e.Port, got, b.metricsPort(t))
			}
			if !routes[e.Path] {
				t.Errorf("ServiceMonitor %s: path %q is not a route of internal/web", sm.Name, e.Path)
			}
		}
	}
}
