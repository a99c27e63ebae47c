package fraud

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// This file implements the isolation forest of Liu, Ting and Zhou, "Isolation Forest"
// (ICDM 2008). A forest of random binary trees is grown on small sub-samples of the data;
// anomalies, being few and different, are isolated close to the root, so the mean path
// length E[h(x)] of a point is short for anomalies and long for normal points. The
// anomaly score is s(x, ψ) = 2^(−E[h(x)] / c(ψ)): close to 1 for anomalies, at or below
// about 0.5 for normal points.

// ForestParams configures FitForest. Zero fields take the defaults of
// DefaultForestParams; Seed 0 is a seed like any other.
type ForestParams struct {
	Trees      int    // number of isolation trees (t in the paper); 0 means 100
	SampleSize int    // sub-sample size per tree (ψ); 0 means 256; capped at the number of rows
	Seed       uint64 // seed of the random generators; the same seed and data give the same forest
}

const (
	defaultTrees      = 100
	defaultSampleSize = 256
	maxTrees          = 1 << 20
	maxSampleSize     = 1 << 24 // keeps node indices well inside int32
	maxDimensions     = 1 << 20
)

// DefaultForestParams are the paper's recommended settings: 100 trees of sub-samples of
// 256 rows.
func DefaultForestParams() ForestParams {
	return ForestParams{Trees: defaultTrees, SampleSize: defaultSampleSize}
}

// withDefaults fills zero fields and validates the rest.
func (p ForestParams) withDefaults() (ForestParams, error) {
	if p.Trees == 0 {
		p.Trees = defaultTrees
	}
	if p.SampleSize == 0 {
		p.SampleSize = defaultSampleSize
	}
	switch {
	case p.Trees < 0 || p.Trees > maxTrees:
		return p, fmt.Errorf("fraud: forest: Trees = %d, want 1 to %d", p.Trees, maxTrees)
	case p.SampleSize < 2 || p.SampleSize > maxSampleSize:
		return p, fmt.Errorf("fraud: forest: SampleSize = %d, want 2 to %d", p.SampleSize, maxSampleSize)
	case int64(p.Trees)*int64(2*p.SampleSize-1) > math.MaxInt32:
		return p, fmt.Errorf("fraud: forest: %d trees of sample size %d are too many nodes", p.Trees, p.SampleSize)
	}
	return p, nil
}

// Forest is a fitted isolation forest. It is immutable once fitted, so its methods are
// safe for concurrent use.
type Forest struct {
	params ForestParams // with defaults filled in
	dims   int
	psi    int      // ψ actually used: min(SampleSize, rows)
	limit  int      // the height limit l = ceil(log2 ψ)
	trees  [][]node // each tree a flat array of nodes in pre-order; the root is node 0
	cPsi   float64  // c(ψ), the score's normaliser

	// The scoring layout, derived from trees: all trees in one array, see scoreNode.
	flat  []scoreNode
	roots []int32   // index in flat of each tree's root
	leafH []float64 // at an external node's index: its depth + c(size), the path length ending there
}

// node is one node of an isolation tree. Trees are flat arrays in pre-order, children
// referenced by index, so nothing chases pointers. The left child of an internal node is
// always the next node.
type node struct {
	split   float64 // internal nodes: x[feature] < split goes left, else right
	feature int32   // split attribute q; leafFeature for an external node
	left    int32   // child indices in the tree's array (0 for external nodes)
	right   int32
	size    int32 // number of the tree's sub-sample that reached this node
}

const leafFeature = -1

// scoreNode is a node of the scoring layout: 16 bytes, the split as an integer key, the
// left child implicit (the next node), and external nodes turned into self-loops (key 0:
// no x is below it, so every x goes "right", to the node itself). Every path then takes
// exactly l steps, with no branch on the node type nor on the comparison (see step), so
// the CPU can overlap the memory accesses of several trees; the path length is read from
// leafH at the node reached.
type scoreNode struct {
	key     uint64 // the split as an orderKey
	feature int32
	right   int32
}

// orderKey maps a float64 to a uint64 with the same order, so that x < split can be
// evaluated without a branch. −0 maps as +0; NaN maps above +Inf, so that, as with
// floats, x < split is never true for NaN.
func orderKey(v float64) uint64 {
	if v != v {
		return math.MaxUint64
	}
	u := math.Float64bits(v + 0) // −0 + 0 = +0
	if u>>63 != 0 {
		return ^u
	}
	return u | 1<<63
}

// nodeBytes is the serialized size of a node: feature, split, left, right, size.
const nodeBytes = 4 + 8 + 4 + 4 + 4

// eulerGamma is the Euler–Mascheroni constant, as given in the paper.
const eulerGamma = 0.5772156649

// C is c(n), the average path length of an unsuccessful search in a binary search tree of
// n points, which the paper uses both to normalise the score (c(ψ)) and to estimate the
// path length still to go below an external node holding n points:
//
//	c(n) = 2H(n−1) − 2(n−1)/n,  with H(i) ≈ ln(i) + 0.5772156649 (Euler's constant)
//
// c(2) = 1 exactly and c(n) = 0 for n ≤ 1. The approximation of the harmonic number
// H(i) undershoots the exact value by about 1/(2i), so C(n) is below the exact formula by
// about 1/(n−1): 0.0039 at n = 256 (10.2448 against 10.2487), which affects the score by
// far less than the forest's own randomness. The paper's approximation is kept so scores
// match other implementations. Between 1 and 2 (not a sample count) C interpolates linearly.
func C(n float64) float64 {
	switch {
	case n <= 1 || math.IsNaN(n):
		return 0
	case n < 2:
		return n - 1
	case n == 2:
		return 1
	}
	return 2*(math.Log(n-1)+eulerGamma) - 2*(n-1)/n
}

// heightLimit is l = ceil(log2 ψ), the depth at which tree growth stops.
func heightLimit(psi int) int {
	if psi <= 1 {
		return 0
	}
	return bits.Len(uint(psi - 1))
}

// FitForest grows an isolation forest on the rows of X (all of the same length, all
// values finite). Each tree is grown on its own random sub-sample, drawn without
// replacement, of ψ = min(p.SampleSize, len(X)) rows, up to the height limit
// l = ceil(log2 ψ). At each node a split attribute q is drawn uniformly from the attributes
// that are not constant in the node's data, and a split value p uniformly between q's min
// and max there; a node becomes an external node, storing its size, when it reaches the
// height limit, holds at most one row, or all its attributes are constant.
//
// Trees are grown in parallel on runtime.GOMAXPROCS goroutines. Tree i draws from its own
// PCG generator seeded from (p.Seed, i), so the forest — and its MarshalBinary bytes —
// depends only on X and p, not on scheduling. X is only read, and not retained.
func FitForest(X [][]float64, p ForestParams) (*Forest, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	n := len(X)
	if n < 2 {
		return nil, fmt.Errorf("fraud: forest: %d rows, need at least 2", n)
	}
	if n > math.MaxInt32 {
		return nil, fmt.Errorf("fraud: forest: %d rows, at most %d supported", n, math.MaxInt32)
	}
	d := len(X[0])
	if d == 0 || d > maxDimensions {
		return nil, fmt.Errorf("fraud: forest: rows have %d features, want 1 to %d", d, maxDimensions)
	}
	for i, row := range X {
		if len(row) != d {
			return nil, fmt.Errorf("fraud: forest: row %d has %d features, row 0 has %d", i, len(row), d)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("fraud: forest: row %d, feature %d is %v; values must be finite", i, j, v)
			}
		}
	}

	psi := min(p.SampleSize, n)
	trees := make([][]node, p.Trees)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), p.Trees) {
		wg.Go(func() {
			b := newTreeBuilder(X, d, psi)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(trees) {
					return
				}
				trees[i] = b.build(p.Seed, uint64(i))
			}
		})
	}
	wg.Wait()
	return newForest(p, d, psi, trees), nil
}

// newForest assembles a forest and its scoring layout from its parts.
// The trees must be well formed: pre-order, left child next, depth at most l.
func newForest(p ForestParams, dims, psi int, trees [][]node) *Forest {
	f := &Forest{params: p, dims: dims, psi: psi, limit: heightLimit(psi), trees: trees, cPsi: C(float64(psi))}
	var total int
	for _, t := range trees {
		total += len(t)
	}
	f.flat = make([]scoreNode, total)
	f.leafH = make([]float64, total)
	f.roots = make([]int32, len(trees))
	cSize := make([]float64, psi+1)
	for i := range cSize {
		cSize[i] = C(float64(i))
	}
	base := 0
	for ti, t := range trees {
		f.roots[ti] = int32(base)
		f.fillScoreNodes(t, cSize, base, 0, 0)
		base += len(t)
	}
	return f
}

// fillScoreNodes converts the subtree of t at i, at depth, into f.flat from offset base;
// cSize[n] is c(n).
func (f *Forest) fillScoreNodes(t []node, cSize []float64, base int, i int32, depth int) {
	nd, g := &t[i], base+int(i)
	if nd.feature == leafFeature {
		f.flat[g] = scoreNode{key: 0, right: int32(g)} // nothing is below key 0
		f.leafH[g] = float64(depth) + cSize[nd.size]
		return
	}
	f.flat[g] = scoreNode{key: orderKey(nd.split), feature: nd.feature, right: int32(base) + nd.right}
	f.fillScoreNodes(t, cSize, base, nd.left, depth+1)
	f.fillScoreNodes(t, cSize, base, nd.right, depth+1)
}

// treeBuilder holds one goroutine's scratch space for growing trees.
type treeBuilder struct {
	X      [][]float64
	d, psi int
	limit  int
	perm   []int32   // the identity permutation of 0..n−1 between trees
	swaps  []int32   // the partial Fisher–Yates swaps of the current tree, to undo them
	data   []float64 // the current sub-sample, ψ×d, row-major
	rows   []int32   // indices into data, partitioned in place as the tree grows
	attrs  []int32   // candidate split attributes of the current node
	nodes  []node    // the tree being grown
	pcg    *rand.PCG
	rng    *rand.Rand
}

func newTreeBuilder(X [][]float64, d, psi int) *treeBuilder {
	b := &treeBuilder{
		X: X, d: d, psi: psi, limit: heightLimit(psi),
		perm:  make([]int32, len(X)),
		swaps: make([]int32, psi),
		data:  make([]float64, psi*d),
		rows:  make([]int32, psi),
		attrs: make([]int32, d),
		pcg:   rand.NewPCG(0, 0),
	}
	// A tree of height at most l has at most 2^(l+1) − 1 nodes, and at most 2ψ − 1 since
	// every split leaves rows on both sides.
	maxNodes := 2*psi - 1
	if b.limit < 30 {
		maxNodes = min(maxNodes, 1<<(b.limit+1)-1)
	}
	b.nodes = make([]node, 0, maxNodes)
	for i := range b.perm {
		b.perm[i] = int32(i)
	}
	b.rng = rand.New(b.pcg)
	return b
}

// splitmix64 is a good 64-bit mixer (Steele, Lea, Flood 2014), used to derive independent
// per-tree PCG seeds from the forest seed.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// build grows tree number tree of the forest seeded with seed.
func (b *treeBuilder) build(seed, tree uint64) []node {
	s1 := splitmix64(seed ^ splitmix64(tree))
	b.pcg.Seed(s1, splitmix64(s1^0x6a09e667f3bcc909))

	// Sub-sample without replacement: a partial Fisher–Yates shuffle of perm, undone
	// afterwards so the next tree starts from the identity again.
	n, d := len(b.X), b.d
	for k := range b.psi {
		j := k + b.rng.IntN(n-k)
		b.perm[k], b.perm[j] = b.perm[j], b.perm[k]
		b.swaps[k] = int32(j)
		copy(b.data[k*d:(k+1)*d], b.X[b.perm[k]])
		b.rows[k] = int32(k)
	}
	for k := b.psi - 1; k >= 0; k-- {
		j := b.swaps[k]
		b.perm[k], b.perm[j] = b.perm[j], b.perm[k]
	}

	b.nodes = b.nodes[:0]
	b.grow(b.rows, 0)
	return slices.Clone(b.nodes)
}

// grow appends the subtree of the rows at depth and returns its root's index.
func (b *treeBuilder) grow(rows []int32, depth int) int32 {
	idx := int32(len(b.nodes))
	b.nodes = append(b.nodes, node{feature: leafFeature, size: int32(len(rows))})
	if depth >= b.limit || len(rows) <= 1 {
		return idx
	}
	q, lo, hi, ok := b.pickAttribute(rows)
	if !ok {
		return idx // all attributes constant: the rows cannot be told apart
	}
	p := splitBetween(lo, hi, b.rng.Float64())
	i := 0
	for j, r := range rows {
		if b.data[int(r)*b.d+q] < p {
			rows[i], rows[j] = rows[j], rows[i]
			i++
		}
	}
	left := b.grow(rows[:i], depth+1)
	right := b.grow(rows[i:], depth+1)
	nd := &b.nodes[idx]
	nd.feature, nd.split, nd.left, nd.right = int32(q), p, left, right
	return idx
}

// pickAttribute draws an attribute uniformly among those not constant in rows and returns
// it with its min and max there; ok is false when all attributes are constant. Attributes
// are tried in random order, so only as many min/max scans are made as needed.
func (b *treeBuilder) pickAttribute(rows []int32) (q int, lo, hi float64, ok bool) {
	for i := range b.attrs {
		b.attrs[i] = int32(i)
	}
	for k := len(b.attrs); k > 0; k-- {
		j := b.rng.IntN(k)
		q = int(b.attrs[j])
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, r := range rows {
			v := b.data[int(r)*b.d+q]
			lo, hi = min(lo, v), max(hi, v)
		}
		if lo < hi {
			return q, lo, hi, true
		}
		b.attrs[j] = b.attrs[k-1]
	}
	return 0, 0, 0, false
}

// splitBetween is the split value at fraction u ∈ [0,1) of [lo, hi] (lo < hi), nudged into
// (lo, hi] so that the rule x < p sends at least the minimum left and the maximum right.
// The convex combination cannot overflow even when hi − lo would.
func splitBetween(lo, hi, u float64) float64 {
	p := lo*(1-u) + hi*u
	if p <= lo {
		p = math.Nextafter(lo, hi)
	}
	return min(p, hi)
}

// step moves from node i one level down towards x (given as orderKeys). It is branch-free:
// borrow is 1 if x < split (go left, to i+1), else 0 (go right).
func step(flat []scoreNode, keys []uint64, i int32) int32 {
	nd := &flat[i]
	_, borrow := bits.Sub64(keys[nd.feature], nd.key, 0)
	return nd.right ^ ((nd.right ^ (i + 1)) & -int32(borrow))
}

// Dimensions is the number of features the forest was fitted on.
func (f *Forest) Dimensions() int { return f.dims }

// Params are the parameters the forest was fitted with, defaults filled in.
func (f *Forest) Params() ForestParams { return f.params }

// SampleSize is ψ, the sub-sample size actually used: Params().SampleSize, or the number of
// rows if there were fewer.
func (f *Forest) SampleSize() int { return f.psi }

// PathLength is E[h(x)], the mean over the trees of x's path length: the number of edges
// from the root to the external node x falls into, plus c(size) there for the rows the
// height limit left unseparated. x must have Dimensions() values (extra ones are ignored);
// NaN values go right at every split. It does not allocate (for forests of up to 64
// features) and is safe for concurrent use.
func (f *Forest) PathLength(x []float64) float64 {
	if len(x) < f.dims {
		panic(fmt.Sprintf("fraud: forest: vector of %d features, forest has %d", len(x), f.dims))
	}
	var buf [64]uint64
	var keys []uint64
	if f.dims <= len(buf) {
		keys = buf[:f.dims]
	} else {
		keys = make([]uint64, f.dims)
	}
	for j := range keys {
		keys[j] = orderKey(x[j])
	}
	flat, limit, roots, leafH := f.flat, f.limit, f.roots, f.leafH
	var sum float64
	// Eight trees at a time: eight independent chains of loads for the CPU to overlap.
	k := 0
	for ; k+8 <= len(roots); k += 8 {
		i0, i1, i2, i3 := roots[k], roots[k+1], roots[k+2], roots[k+3]
		i4, i5, i6, i7 := roots[k+4], roots[k+5], roots[k+6], roots[k+7]
		for range limit {
			i0 = step(flat, keys, i0)
			i1 = step(flat, keys, i1)
			i2 = step(flat, keys, i2)
			i3 = step(flat, keys, i3)
			i4 = step(flat, keys, i4)
			i5 = step(flat, keys, i5)
			i6 = step(flat, keys, i6)
			i7 = step(flat, keys, i7)
		}
		sum += leafH[i0] + leafH[i1] + leafH[i2] + leafH[i3] + leafH[i4] + leafH[i5] + leafH[i6] + leafH[i7]
	}
	for ; k < len(roots); k++ {
		i := roots[k]
		for range limit {
			i = step(flat, keys, i)
		}
		sum += leafH[i]
	}
	return sum / float64(len(f.roots))
}

// Score is the anomaly score s(x, ψ) = 2^(−E[h(x)]/c(ψ)), in [0, 1]: close to 1 for points
// that are isolated quickly (anomalies), about 0.5 or below for normal points. Like
// PathLength it does not allocate and is safe for concurrent use.
func (f *Forest) Score(x []float64) float64 {
	return math.Exp2(-f.PathLength(x) / f.cPsi)
}

// Attribution says how much each feature contributed to isolating x; the values are ≥ 0
// and sum to 1 (all 0 if no tree splits at all).
//
// The heuristic: follow x's path down every tree t; at each split node credit the node's
// feature with the share of the node's rows that the split separates from x (1 − size of
// the child x goes to / size of the node), divided by x's path length h_t(x) in that tree.
// A split that leaves x with few of its node's rows is an isolating split, and the trees
// that isolate x in few steps — the ones that make its score high — count the most.
// Totals over the trees are normalised to sum to 1. It is a ranking aid, not an exact
// decomposition of the score: a feature in which x is extreme typically comes out on top,
// but features that were constant in the training data are never split on and get 0.
func (f *Forest) Attribution(x []float64) []float64 {
	if len(x) < f.dims {
		panic(fmt.Sprintf("fraud: forest: vector of %d features, forest has %d", len(x), f.dims))
	}
	a := make([]float64, f.dims)
	var total float64
	for _, t := range f.trees {
		var depth int
		i := int32(0)
		for ; t[i].feature >= 0; depth++ {
			i = t[i].child(x)
		}
		h := float64(depth) + C(float64(t[i].size))
		for i = 0; t[i].feature >= 0; {
			nd := &t[i]
			next := nd.child(x)
			credit := (1 - float64(t[next].size)/float64(nd.size)) / h
			a[nd.feature] += credit
			total += credit
			i = next
		}
	}
	if total > 0 {
		for i := range a {
			a[i] /= total
		}
	}
	return a
}

// child is the index of the child of the internal node nd that x goes to.
func (nd *node) child(x []float64) int32 {
	if x[nd.feature] < nd.split {
		return nd.left
	}
	return nd.right
}

// Serialization.
//
// Format version 1, all integers little endian:
//
//	magic      [4]byte "IFOR"
//	version    uint16  1
//	trees      uint32  Params().Trees (and the number of trees that follow)
//	sampleSize uint32  Params().SampleSize
//	seed       uint64  Params().Seed
//	dimensions uint32
//	psi        uint32  ψ actually used
//	trees × {
//	  nodes    uint32
//	  nodes × { feature int32 (−1: external node), split float64 (IEEE 754 bits),
//	            left int32, right int32, size int32 }
//	}
//	crc        uint32  CRC-32 (IEEE) of everything before it

const (
	forestMagic   = "IFOR"
	forestVersion = 1
	headerBytes   = 4 + 2 + 4 + 4 + 8 + 4 + 4
)

// ErrForestFormat is wrapped by the errors of UnmarshalForest.
var ErrForestFormat = errors.New("fraud: invalid serialized forest")

// MarshalBinary encodes the forest in a versioned binary format (see UnmarshalForest).
// The encoding is deterministic: equal forests give equal bytes.
func (f *Forest) MarshalBinary() ([]byte, error) {
	size := headerBytes + 4
	for _, t := range f.trees {
		size += 4 + len(t)*nodeBytes
	}
	le := binary.LittleEndian
	b := make([]byte, 0, size)
	b = append(b, forestMagic...)
	b = le.AppendUint16(b, forestVersion)
	b = le.AppendUint32(b, uint32(f.params.Trees))
	b = le.AppendUint32(b, uint32(f.params.SampleSize))
	b = le.AppendUint64(b, f.params.Seed)
	b = le.AppendUint32(b, uint32(f.dims))
	b = le.AppendUint32(b, uint32(f.psi))
	for _, t := range f.trees {
		b = le.AppendUint32(b, uint32(len(t)))
		for _, nd := range t {
			b = le.AppendUint32(b, uint32(nd.feature))
			b = le.AppendUint64(b, math.Float64bits(nd.split))
			b = le.AppendUint32(b, uint32(nd.left))
			b = le.AppendUint32(b, uint32(nd.right))
			b = le.AppendUint32(b, uint32(nd.size))
		}
	}
	return appendChecksum(b), nil
}

// checkTree verifies that t is a tree laid out as FitForest lays it out: nodes in
// pre-order (the left child right after its parent, the right child after the left
// subtree), every node reached once, depth at most limit, each internal node's size the
// sum of its children's.
func checkTree(t []node, limit int) error {
	next := int32(0)
	var visit func(i int32, depth int) error
	visit = func(i int32, depth int) error {
		if i != next {
			return fmt.Errorf("node %d: found where node %d should be (not in pre-order)", i, next)
		}
		next++
		if depth > limit {
			return fmt.Errorf("node %d: depth %d beyond the height limit %d", i, depth, limit)
		}
		nd := &t[i]
		if nd.feature == leafFeature {
			return nil
		}
		if l, r := t[nd.left].size, t[nd.right].size; l+r != nd.size {
			return fmt.Errorf("node %d: size %d, children's sizes %d + %d", i, nd.size, l, r)
		}
		if err := visit(nd.left, depth+1); err != nil {
			return err
		}
		return visit(nd.right, depth+1)
	}
	if err := visit(0, 0); err != nil {
		return err
	}
	if int(next) != len(t) {
		return fmt.Errorf("has %d nodes, %d reachable", len(t), next)
	}
	return nil
}

// appendChecksum appends the CRC-32 (IEEE) trailer of b.
func appendChecksum(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// UnmarshalForest decodes a forest encoded by MarshalBinary. It rejects, with an error
// wrapping ErrForestFormat, data with the wrong magic or an unknown format version,
// truncated or trailing data, a checksum mismatch and structurally invalid trees.
func UnmarshalForest(b []byte) (*Forest, error) {
	bad := func(format string, args ...any) (*Forest, error) {
		return nil, fmt.Errorf("%w: "+format, append([]any{ErrForestFormat}, args...)...)
	}
	if len(b) < 6 {
		return bad("%d bytes, too short for a header", len(b))
	}
	if string(b[:4]) != forestMagic {
		return bad("magic %q, want %q", b[:4], forestMagic)
	}
	le := binary.LittleEndian
	if v := le.Uint16(b[4:]); v != forestVersion {
		return bad("format version %d, this build reads version %d", v, forestVersion)
	}
	if len(b) < headerBytes+4 {
		return bad("truncated: %d bytes, the header alone is %d", len(b), headerBytes+4)
	}
	body, sum := b[:len(b)-4], le.Uint32(b[len(b)-4:])
	if got := crc32.ChecksumIEEE(body); got != sum {
		return bad("checksum mismatch (stored %08x, computed %08x): truncated or corrupted", sum, got)
	}

	ntrees := le.Uint32(b[6:])
	p := ForestParams{Trees: int(ntrees), SampleSize: int(le.Uint32(b[10:])), Seed: le.Uint64(b[14:])}
	dims, psi := le.Uint32(b[22:]), le.Uint32(b[26:])
	if ntrees == 0 || p.SampleSize == 0 {
		return bad("%d trees of sample size %d", ntrees, p.SampleSize)
	}
	if _, err := p.withDefaults(); err != nil {
		return bad("%v", err)
	}
	switch {
	case psi < 2 || int(psi) > p.SampleSize:
		return bad("ψ = %d with sample size parameter %d", psi, p.SampleSize)
	case dims < 1 || dims > maxDimensions:
		return bad("%d dimensions", dims)
	}

	rest := body[headerBytes:]
	trees := make([][]node, ntrees)
	for ti := range trees {
		if len(rest) < 4 {
			return bad("truncated at tree %d", ti)
		}
		count := le.Uint32(rest)
		rest = rest[4:]
		if count < 1 || count > 2*psi-1 {
			return bad("tree %d has %d nodes, ψ = %d allows 1 to %d", ti, count, psi, 2*psi-1)
		}
		if uint64(len(rest)) < uint64(count)*nodeBytes {
			return bad("truncated in tree %d", ti)
		}
		t := make([]node, count)
		for i := range t {
			nd := node{
				feature: int32(le.Uint32(rest)),
				split:   math.Float64frombits(le.Uint64(rest[4:])),
				left:    int32(le.Uint32(rest[12:])),
				right:   int32(le.Uint32(rest[16:])),
				size:    int32(le.Uint32(rest[20:])),
			}
			rest = rest[nodeBytes:]
			if nd.size < 0 || nd.size > int32(psi) {
				return bad("tree %d node %d: size %d, ψ = %d", ti, i, nd.size, psi)
			}
			if nd.feature != leafFeature {
				switch {
				case nd.feature < 0 || nd.feature >= int32(dims):
					return bad("tree %d node %d: feature %d of %d", ti, i, nd.feature, dims)
				case math.IsNaN(nd.split) || math.IsInf(nd.split, 0):
					return bad("tree %d node %d: split %v", ti, i, nd.split)
				case nd.left <= int32(i) || nd.left >= int32(count) || nd.right <= int32(i) || nd.right >= int32(count):
					return bad("tree %d node %d: children %d, %d out of order or range", ti, i, nd.left, nd.right)
				}
			}
			t[i] = nd
		}
		if err := checkTree(t, heightLimit(int(psi))); err != nil {
			return bad("tree %d %v", ti, err)
		}
		trees[ti] = t
	}
	if len(rest) != 0 {
		return bad("%d trailing bytes", len(rest))
	}
	return newForest(p, int(dims), int(psi), trees), nil
}
