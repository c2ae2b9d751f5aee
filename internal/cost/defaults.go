package cost

// MeasuredUsage is what one session cost in the fleet run recorded in
// docs/CAPACITY.md ("Sessions through the fleet"): the session mix of
// `aijudge load` with two arguments and two revisits, judged by the
// provider fake (tokens counted as four bytes of request or answer each,
// answers of 1,200/450/1,500 tokens). A load report (aijudge cost
// -from-load) replaces them with another run's.
func MeasuredUsage() Usage {
	return Usage{
		SessionsPerUser:       1,
		PeakFactor:            3,
		RequestsPerSession:    19,
		JudgeCallsPerSession:  4,
		JudgeCallSeconds:      10,
		InputTokensPerCase:    18451,
		OutputTokensPerCase:   3600,
		CPUSecondsPerSession:  0.23,
		DocumentBytesPerCase:  8202,
		DatabaseBytesPerCase:  26000,
		EgressBytesPerSess:    163375,
		StaticBytesPerSession: 93434,
		LogBytesPerRequest:    340,
		RetentionMonths:       12,
	}
}

// DefaultPod is the pod the capacity model sizes with: the production
// settings' LLM_MAX_CONCURRENT of 16, the in-flight autoscaler's target of
// 70 % of them (deploy/k8s/components/hpa-inflight), and requests sized
// from the measured CPU and memory per replica.
func DefaultPod() Pod {
	return Pod{
		JudgeSlots: 16, SlotTarget: 0.7,
		CPU: 0.5, MemoryGB: 0.5, CPUTarget: 0.7,
		MinPods: 3, MinNodes: 2,
		SeriesPerPod: 480, ScrapeSeconds: 30,
		HA: true,
	}
}
