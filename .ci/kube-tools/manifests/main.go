// Command manifests reads the multi-document YAML of `kubectl kustomize`
// on standard input and writes, as YAML documents on standard output:
//
//	manifests pick KIND...  the objects of those kinds, unchanged;
//	manifests pods          one Pod per workload (Deployment, StatefulSet,
//	                        DaemonSet, ReplicaSet, Job, CronJob), made of
//	                        its pod template, so that a server-side dry run
//	                        of the Pods meets Pod Security admission, which
//	                        only warns for workloads.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "manifests:", err)
		os.Exit(1)
	}
}

type object = map[string]any

func run(args []string, in io.Reader, out io.Writer) error {
	if len(args) == 0 || (args[0] != "pick" && args[0] != "pods") || (args[0] == "pick" && len(args) < 2) {
		return errors.New("usage: manifests pick KIND... | manifests pods")
	}
	w := bufio.NewWriter(out)
	r := utilyaml.NewYAMLReader(bufio.NewReader(in))
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		var o object
		if err := yaml.Unmarshal(doc, &o); err != nil {
			return err
		}
		if o == nil {
			continue
		}
		kind, _ := o["kind"].(string)
		var emit object
		switch {
		case args[0] == "pick" && slices.Contains(args[1:], kind):
			emit = o
		case args[0] == "pods":
			emit = podOf(kind, o)
		}
		if emit == nil {
			continue
		}
		b, err := yaml.Marshal(emit)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "---\n%s", b)
	}
	return w.Flush()
}

// podOf is the Pod of a workload's pod template, or nil for another kind.
func podOf(kind string, o object) object {
	var path []string
	switch kind {
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
		path = []string{"spec", "template"}
	case "CronJob":
		path = []string{"spec", "jobTemplate", "spec", "template"}
	default:
		return nil
	}
	t := o
	for _, p := range path {
		t, _ = t[p].(object)
	}
	if t == nil {
		return nil
	}
	meta, _ := o["metadata"].(object)
	tmeta, _ := t["metadata"].(object)
	if tmeta == nil {
		tmeta = object{}
	}
	tmeta["name"] = strings.ToLower(kind) + "-" + fmt.Sprint(meta["name"])
	tmeta["namespace"] = meta["namespace"]
	return object{"apiVersion": "v1", "kind": "Pod", "metadata": tmeta, "spec": t["spec"]}
}
