package fraud

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// forestTestData is nNormal points from a few Gaussian clusters in d dimensions followed
// by nOut points drawn uniformly from a box far around them; labels mark the latter.
func forestTestData(seed uint64, nNormal, nOut, d int) ([][]float64, []bool) {
	rng := rand.New(rand.NewPCG(seed, 1))
	centers := make([][]float64, 3)
	for c := range centers {
		centers[c] = make([]float64, d)
		for j := range centers[c] {
			centers[c][j] = rng.Float64()*10 - 5
		}
	}
	X := make([][]float64, 0, nNormal+nOut)
	labels := make([]bool, 0, nNormal+nOut)
	for i := range nNormal {
		c := centers[i%len(centers)]
		x := make([]float64, d)
		for j := range x {
			x[j] = c[j] + rng.NormFloat64()*0.5
		}
		X = append(X, x)
		labels = append(labels, false)
	}
	for range nOut {
		x := make([]float64, d)
		for j := range x {
			// |x_j| in [12, 20] in every dimension: far outside the clusters.
			x[j] = (12 + 8*rng.Float64()) * float64(1-2*rng.IntN(2))
		}
		X = append(X, x)
		labels = append(labels, true)
	}
	return X, labels
}

func TestC(t *testing.T) {
	for _, tc := range []struct{ n, want float64 }{
		{-1, 0}, {0, 0}, {1, 0}, {2, 1},
		// 2(ln 2 + γ) − 4/3
		{3, 2*(math.Log(2)+0.5772156649) - 4.0/3},
		{256, 10.244770920116851},
	} {
		if got := C(tc.n); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("C(%v) = %v, want %v", tc.n, got, tc.want)
		}
	}
	if got := C(256); math.Abs(got-10.2448) > 5e-5 {
		t.Errorf("C(256) = %v, want ≈ 10.2448", got)
	}

	// Against the exact harmonic number: c(n) = 2H(n−1) − 2(n−1)/n. The approximation
	// H(i) ≈ ln i + γ is short by about 1/(2i), so C(n) is short by about 1/(n−1).
	exact := func(n int) float64 {
		var h float64
		for i := 1; i < n; i++ {
			h += 1 / float64(i)
		}
		return 2*h - 2*float64(n-1)/float64(n)
	}
	if e := exact(2); e != 1 {
		t.Errorf("exact c(2) = %v, want 1", e)
	}
	e256 := exact(256) // 10.248687…
	if math.Abs(e256-10.2487) > 1e-4 {
		t.Errorf("exact c(256) = %v, want ≈ 10.2487", e256)
	}
	for _, n := range []int{10, 100, 256, 1000, 10000} {
		diff := exact(n) - C(float64(n))
		if want := 1 / float64(n-1); diff <= 0 || math.Abs(diff-want) > 0.05*want {
			t.Errorf("exact c(%d) − C(%d) = %v, want ≈ 1/(n−1) = %v", n, n, diff, want)
		}
	}
	// Monotone in n.
	for n := 2.0; n < 5000; n++ {
		if C(n+1) <= C(n) {
			t.Fatalf("C(%v) = %v ≥ C(%v) = %v", n, C(n), n+1, C(n+1))
		}
	}
}

func TestHeightLimit(t *testing.T) {
	for psi, want := range map[int]int{1: 0, 2: 1, 3: 2, 4: 2, 5: 3, 255: 8, 256: 8, 257: 9, 1024: 10} {
		if got := heightLimit(psi); got != want {
			t.Errorf("heightLimit(%d) = %d, want %d", psi, got, want)
		}
	}
}

// TestPathLengthHandBuilt checks h(x) on a tree built by hand.
func TestPathLengthHandBuilt(t *testing.T) {
	//          [x0 < 5] (6)
	//         /         \
	//    leaf(3)     [x1 < 2] (3)
	//                /       \
	//            leaf(1)    leaf(2)
	tree := []node{
		{feature: 0, split: 5, left: 1, right: 2, size: 6},
		{feature: leafFeature, size: 3},
		{feature: 1, split: 2, left: 3, right: 4, size: 3},
		{feature: leafFeature, size: 1},
		{feature: leafFeature, size: 2},
	}
	f := newForest(ForestParams{Trees: 1, SampleSize: 6}, 2, 6, [][]node{tree})
	for _, tc := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{4, 100}, 1 + C(3)},
		{[]float64{5, 1}, 2 + 0}, // x0 = split goes right; leaf of one row: no adjustment
		{[]float64{9, 2}, 2 + 1}, // c(2) = 1
	} {
		if got := f.PathLength(tc.x); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("PathLength(%v) = %v, want %v", tc.x, got, tc.want)
		}
		if got, want := f.Score(tc.x), math.Pow(2, -tc.want/C(6)); math.Abs(got-want) > 1e-12 {
			t.Errorf("Score(%v) = %v, want %v", tc.x, got, want)
		}
	}
	// Two trees: the mean.
	f2 := newForest(ForestParams{Trees: 2, SampleSize: 6}, 2, 6, [][]node{tree, {{feature: leafFeature, size: 6}}})
	if got, want := f2.PathLength([]float64{5, 1}), (2+C(6))/2; math.Abs(got-want) > 1e-12 {
		t.Errorf("two-tree PathLength = %v, want %v", got, want)
	}
	// Attribution on x = (9, 2): the root separates 3 of its 6 rows (feature 0), the
	// second split 1 of its 3 (feature 1); one tree, so the path length cancels.
	if got, want := f.Attribution([]float64{9, 2}), []float64{0.6, 0.4}; math.Abs(got[0]-want[0]) > 1e-12 || math.Abs(got[1]-want[1]) > 1e-12 {
		t.Errorf("Attribution = %v, want %v", got, want)
	}
}

// naivePathLength is h(x) by walking the trees as the paper describes, with float
// comparisons, to check the scoring layout against.
func naivePathLength(f *Forest, x []float64) float64 {
	var sum float64
	for _, t := range f.trees {
		i, depth := int32(0), 0
		for t[i].feature != leafFeature {
			if x[t[i].feature] < t[i].split {
				i = t[i].left
			} else {
				i = t[i].right
			}
			depth++
		}
		sum += float64(depth) + C(float64(t[i].size))
	}
	return sum / float64(len(f.trees))
}

func TestPathLengthMatchesNaive(t *testing.T) {
	X, _ := forestTestData(12, 3000, 30, 5)
	for _, trees := range []int{1, 7, 8, 100, 103} {
		f, err := FitForest(X, ForestParams{Trees: trees, Seed: uint64(trees)})
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(trees), 0))
		special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1e308, -1e308}
		for r := range 2000 {
			x := slices.Clone(X[rng.IntN(len(X))])
			if r%2 == 0 {
				x[rng.IntN(len(x))] = special[rng.IntN(len(special))]
			}
			if r%5 == 0 {
				// On a split value exactly: it goes right.
				tr := f.trees[rng.IntN(len(f.trees))]
				if nd := tr[0]; nd.feature != leafFeature {
					x[nd.feature] = nd.split
				}
			}
			got, want := f.PathLength(x), naivePathLength(f, x)
			if math.Abs(got-want) > 1e-9 {
				t.Fatalf("%d trees: PathLength(%v) = %v, naive %v", trees, x, got, want)
			}
		}
	}
}

func TestOrderKey(t *testing.T) {
	vals := []float64{math.Inf(-1), -1e308, -2.5, -1, -math.SmallestNonzeroFloat64, 0, math.SmallestNonzeroFloat64, 1, 2.5, 1e308, math.Inf(1)}
	for i := range vals {
		for j := range vals {
			if got, want := orderKey(vals[i]) < orderKey(vals[j]), vals[i] < vals[j]; got != want {
				t.Errorf("orderKey(%v) < orderKey(%v) = %v", vals[i], vals[j], got)
			}
		}
		if orderKey(math.NaN()) < orderKey(vals[i]) || orderKey(vals[i]) == 0 {
			t.Errorf("NaN or key 0 misplaced against %v", vals[i])
		}
	}
	if orderKey(math.Copysign(0, -1)) != orderKey(0) {
		t.Error("−0 and +0 differ")
	}
}

func TestFitTwoPoints(t *testing.T) {
	// ψ = 2, l = 1: the root must split the two points apart, each path is 1 edge to a
	// leaf of one, and the score is 2^(−1/c(2)) = 0.5 everywhere.
	f, err := FitForest([][]float64{{0, 7}, {1, 7}}, ForestParams{Trees: 10, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if f.SampleSize() != 2 {
		t.Fatalf("ψ = %d, want 2", f.SampleSize())
	}
	for _, x := range [][]float64{{0, 7}, {1, 7}, {-100, 0}, {0.5, 7}} {
		if got := f.PathLength(x); got != 1 {
			t.Errorf("PathLength(%v) = %v, want 1", x, got)
		}
		if got := f.Score(x); got != 0.5 {
			t.Errorf("Score(%v) = %v, want 0.5", x, got)
		}
	}
	for _, tr := range f.trees {
		if tr[0].feature != 0 {
			t.Errorf("root splits on feature %d, but feature 1 is constant", tr[0].feature)
		}
	}
}

func TestFitConstantData(t *testing.T) {
	X := make([][]float64, 50)
	for i := range X {
		X[i] = []float64{1, 2, 3}
	}
	f, err := FitForest(X, ForestParams{Trees: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range f.trees {
		if len(tr) != 1 || tr[0].size != 50 {
			t.Fatalf("tree of constant data = %+v, want a single leaf of 50", tr)
		}
	}
	if got, want := f.PathLength([]float64{1, 2, 3}), C(50); got != want {
		t.Errorf("PathLength = %v, want c(50) = %v", got, want)
	}
	if got := f.Score([]float64{1, 2, 3}); got != 0.5 {
		t.Errorf("Score = %v, want 0.5", got)
	}
}

func TestFitErrors(t *testing.T) {
	good := [][]float64{{1, 2}, {3, 4}, {5, 6}}
	for name, tc := range map[string]struct {
		X [][]float64
		p ForestParams
	}{
		"no rows":         {nil, ForestParams{}},
		"one row":         {good[:1], ForestParams{}},
		"no features":     {[][]float64{{}, {}}, ForestParams{}},
		"ragged":          {[][]float64{{1, 2}, {3}}, ForestParams{}},
		"NaN":             {[][]float64{{1, 2}, {3, math.NaN()}}, ForestParams{}},
		"Inf":             {[][]float64{{1, math.Inf(-1)}, {3, 4}}, ForestParams{}},
		"negative trees":  {good, ForestParams{Trees: -1}},
		"sample size one": {good, ForestParams{SampleSize: 1}},
	} {
		if _, err := FitForest(tc.X, tc.p); err == nil {
			t.Errorf("%s: no error", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

func TestFitDefaultsAndSmallN(t *testing.T) {
	X, _ := forestTestData(1, 100, 0, 4)
	f, err := FitForest(X, ForestParams{Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Params(), (ForestParams{Trees: 100, SampleSize: 256, Seed: 9}); got != want {
		t.Errorf("Params = %+v, want %+v", got, want)
	}
	if f.SampleSize() != 100 {
		t.Errorf("ψ = %d with 100 rows, want 100", f.SampleSize())
	}
	if f.Dimensions() != 4 {
		t.Errorf("Dimensions = %d, want 4", f.Dimensions())
	}
	if len(f.trees) != 100 {
		t.Errorf("%d trees, want 100", len(f.trees))
	}
	for i, tr := range f.trees {
		if tr[0].size != 100 {
			t.Errorf("tree %d root size %d, want 100", i, tr[0].size)
		}
	}
	if d := DefaultForestParams(); d.Trees != 100 || d.SampleSize != 256 {
		t.Errorf("DefaultForestParams = %+v", d)
	}
}

// treeDepth is the maximum depth of the subtree at i, and checks sizes add up.
func treeDepth(t *testing.T, tr []node, i int32) int {
	nd := tr[i]
	if nd.feature == leafFeature {
		return 0
	}
	if l, r := tr[nd.left].size, tr[nd.right].size; l+r != nd.size || l == 0 || r == 0 {
		t.Errorf("node %d of size %d has children of sizes %d and %d", i, nd.size, l, r)
	}
	return 1 + max(treeDepth(t, tr, nd.left), treeDepth(t, tr, nd.right))
}

func TestHeightLimitRespected(t *testing.T) {
	X, _ := forestTestData(2, 3000, 30, 5)
	for _, psi := range []int{2, 3, 16, 100, 256, 1000} {
		f, err := FitForest(X, ForestParams{Trees: 50, SampleSize: psi, Seed: uint64(psi)})
		if err != nil {
			t.Fatal(err)
		}
		limit := int(math.Ceil(math.Log2(float64(psi))))
		deepest := 0
		for _, tr := range f.trees {
			if tr[0].size != int32(psi) {
				t.Fatalf("ψ=%d: root size %d", psi, tr[0].size)
			}
			deepest = max(deepest, treeDepth(t, tr, 0))
			if err := checkTree(tr, limit); err != nil {
				t.Fatalf("ψ=%d: %v", psi, err)
			}
		}
		if deepest > limit {
			t.Errorf("ψ=%d: a tree of depth %d, limit %d", psi, deepest, limit)
		}
		if deepest < limit {
			t.Errorf("ψ=%d: deepest tree %d, expected some to reach the limit %d", psi, deepest, limit)
		}
	}
}

func TestDeterminism(t *testing.T) {
	X, _ := forestTestData(3, 2000, 20, 6)
	p := ForestParams{Trees: 64, SampleSize: 128, Seed: 42}
	f1, err := FitForest(X, p)
	if err != nil {
		t.Fatal(err)
	}
	f2, err := FitForest(X, p)
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := f1.MarshalBinary()
	b2, _ := f2.MarshalBinary()
	if !bytes.Equal(b1, b2) {
		t.Fatal("same seed, different MarshalBinary bytes")
	}
	for _, x := range X[:200] {
		if s1, s2 := f1.Score(x), f2.Score(x); s1 != s2 {
			t.Fatalf("same seed, Score %v vs %v", s1, s2)
		}
	}
	p.Seed = 43
	f3, err := FitForest(X, p)
	if err != nil {
		t.Fatal(err)
	}
	b3, _ := f3.MarshalBinary()
	if bytes.Equal(b1, b3) {
		t.Fatal("different seeds, identical bytes")
	}
	// Trees of one forest differ from each other.
	if slices.Equal(f1.trees[0], f1.trees[1]) {
		t.Error("trees 0 and 1 are identical")
	}
}

func TestScores(t *testing.T) {
	X, labels := forestTestData(4, 2000, 40, 6)
	f, err := FitForest(X, ForestParams{Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	scores := make([]float64, len(X))
	var inliers []float64
	for i, x := range X {
		s := f.Score(x)
		if s < 0 || s > 1 || math.IsNaN(s) {
			t.Fatalf("Score(row %d) = %v, outside [0,1]", i, s)
		}
		scores[i] = s
		if !labels[i] {
			inliers = append(inliers, s)
		}
	}
	slices.Sort(inliers)
	median := inliers[len(inliers)/2]
	if median > 0.5 {
		t.Errorf("median inlier score %v, want ≤ 0.5", median)
	}

	// A point far from everything.
	far := []float64{100, -100, 100, -100, 100, -100}
	if s := f.Score(far); s <= 0.6 || s <= inliers[len(inliers)-1] {
		t.Errorf("obvious outlier scores %v, want > 0.6 and above every inlier (max %v)", s, inliers[len(inliers)-1])
	}

	auc := ROCAUC(scores, labels)
	ap := AveragePrecision(scores, labels)
	t.Logf("median inlier %.3f, max inlier %.3f, outlier %.3f, AUC %.4f, AP %.4f", median, inliers[len(inliers)-1], f.Score(far), auc, ap)
	if auc < 0.95 {
		t.Errorf("ROC-AUC %v, want ≥ 0.95", auc)
	}

	// NaN and extra values in x do not panic.
	_ = f.Score([]float64{math.NaN(), 0, 0, 0, 0, 0, 99})
}

func TestAttribution(t *testing.T) {
	X, _ := forestTestData(5, 2000, 0, 6)
	f, err := FitForest(X, ForestParams{Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	// Ordinary points made extreme in one feature q: q should usually come out on top,
	// and on average well above every other feature.
	const n = 300
	mean := make([][]float64, 6) // mean[q][j]: mean attribution of j when q is extreme
	for q := range mean {
		mean[q] = make([]float64, 6)
	}
	top := 0
	for r := range n {
		q := r % 6
		x := slices.Clone(X[r])
		x[q] = 1000
		a := f.Attribution(x)
		var sum float64
		for j, v := range a {
			if v < 0 {
				t.Fatalf("negative attribution %v", a)
			}
			sum += v
			mean[q][j] += v / (n / 6)
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("attributions sum to %v, want 1", sum)
		}
		if slices.Index(a, slices.Max(a)) == q {
			top++
		}
	}
	if top < n*8/10 {
		t.Errorf("the extreme feature has the largest attribution for %d of %d points, want ≥ 80%%", top, n)
	}
	for q, m := range mean {
		for j, v := range m {
			if j != q && v*1.3 > m[q] {
				t.Errorf("feature %d extreme: mean attributions %.3f, want feature %d ahead by 30%%", q, m, q)
				break
			}
		}
	}
	t.Logf("extreme feature on top for %d of %d; mean attributions with feature 0 extreme: %.3f", top, n, mean[0])

	// A vector matching no split at all (single-leaf trees) gets all zeros.
	c := newForest(ForestParams{Trees: 1, SampleSize: 2}, 3, 2, [][]node{{{feature: leafFeature, size: 2}}})
	if a := c.Attribution([]float64{1, 2, 3}); !slices.Equal(a, []float64{0, 0, 0}) {
		t.Errorf("attribution without splits = %v, want zeros", a)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	X, _ := forestTestData(6, 1500, 15, 5)
	f, err := FitForest(X, ForestParams{Trees: 30, SampleSize: 200, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if string(b[:4]) != "IFOR" || b[4] != 1 || b[5] != 0 {
		t.Fatalf("header % x", b[:6])
	}
	g, err := UnmarshalForest(b)
	if err != nil {
		t.Fatal(err)
	}
	if g.Params() != f.Params() || g.SampleSize() != f.SampleSize() || g.Dimensions() != f.Dimensions() {
		t.Fatalf("round trip: params %+v ψ %d d %d, want %+v ψ %d d %d", g.Params(), g.SampleSize(), g.Dimensions(), f.Params(), f.SampleSize(), f.Dimensions())
	}
	for _, x := range X {
		if f.Score(x) != g.Score(x) || !slices.Equal(f.Attribution(x), g.Attribution(x)) {
			t.Fatalf("round trip changes the score of %v: %v → %v", x, f.Score(x), g.Score(x))
		}
	}
	b2, _ := g.MarshalBinary()
	if !bytes.Equal(b, b2) {
		t.Error("re-marshalled bytes differ")
	}
}

func TestUnmarshalRejects(t *testing.T) {
	X, _ := forestTestData(7, 300, 3, 3)
	f, err := FitForest(X, ForestParams{Trees: 4, SampleSize: 32, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	good, _ := f.MarshalBinary()
	mutate := func(fn func(b []byte) []byte) []byte { return fn(slices.Clone(good)) }
	cases := map[string][]byte{
		"empty":        nil,
		"short":        good[:3],
		"wrong magic":  mutate(func(b []byte) []byte { b[0] = 'X'; return b }),
		"version 2":    mutate(func(b []byte) []byte { b[4] = 2; return b }),
		"header only":  good[:headerBytes],
		"truncated":    good[:len(good)-10],
		"trailing":     append(slices.Clone(good), 0),
		"flipped bit":  mutate(func(b []byte) []byte { b[len(b)/2] ^= 0x10; return b }),
		"zeroed split": mutate(func(b []byte) []byte { clear(b[headerBytes+8 : headerBytes+16]); return b }),
	}
	for name, b := range cases {
		_, err := UnmarshalForest(b)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if !errors.Is(err, ErrForestFormat) {
			t.Errorf("%s: error %v does not wrap ErrForestFormat", name, err)
		}
		t.Logf("%s: %v", name, err)
	}

	// Structurally bad data with a valid checksum is rejected too.
	withCRC := func(b []byte) []byte { return appendChecksum(b[:len(b)-4]) }
	// The root's left child pointing at itself.
	loop := mutate(func(b []byte) []byte {
		off := headerBytes + 4 // first node of the first tree
		b[off+12], b[off+13], b[off+14], b[off+15] = 0, 0, 0, 0
		return withCRC(b)
	})
	if _, err := UnmarshalForest(loop); err == nil || !errors.Is(err, ErrForestFormat) {
		t.Errorf("self-referencing node: %v", err)
	} else {
		t.Logf("self-referencing node: %v", err)
	}
	// The root's right child the same as its left.
	order := mutate(func(b []byte) []byte {
		off := headerBytes + 4
		b[off+16], b[off+17], b[off+18], b[off+19] = 1, 0, 0, 0 // = left
		return withCRC(b)
	})
	if _, err := UnmarshalForest(order); err == nil {
		t.Error("node out of pre-order accepted")
	} else {
		t.Logf("out of pre-order: %v", err)
	}
	// A feature index beyond the dimensions.
	feat := mutate(func(b []byte) []byte {
		off := headerBytes + 4
		b[off] = 3
		return withCRC(b)
	})
	if _, err := UnmarshalForest(feat); err == nil {
		t.Error("out-of-range feature accepted")
	} else {
		t.Logf("out-of-range feature: %v", err)
	}
}

func BenchmarkForestScore(b *testing.B) {
	X, _ := forestTestData(8, 10000, 0, 12)
	f, err := FitForest(X, ForestParams{Trees: 100, SampleSize: 256, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var sink float64
	i := 0
	for b.Loop() {
		sink += f.Score(X[i])
		i++
		if i == len(X) {
			i = 0
		}
	}
	if sink < 0 {
		b.Fatal(sink)
	}
}

func BenchmarkForestFit10000x12(b *testing.B) {
	X, _ := forestTestData(9, 10000, 0, 12)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FitForest(X, ForestParams{Trees: 100, SampleSize: 256, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestScoreAllocs(t *testing.T) {
	X, _ := forestTestData(10, 1000, 0, 12)
	f, err := FitForest(X, ForestParams{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(100, func() { _ = f.Score(X[3]) }); n != 0 {
		t.Errorf("Score allocates %v times", n)
	}
}

func TestScoreShortVectorPanics(t *testing.T) {
	f, err := FitForest([][]float64{{0, 1}, {1, 0}, {2, 2}}, ForestParams{Trees: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("no panic")
		} else {
			t.Log(r)
		}
	}()
	f.Score([]float64{1})
}
