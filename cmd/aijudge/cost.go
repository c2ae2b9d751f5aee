package main

func costCmd(e *env, args []string) error {
	return usageError{"aijudge cost is not built yet"}
}
