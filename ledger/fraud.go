package ledger

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/aithena/aithena/fraud"
	"github.com/aithena/aithena/store"
	"github.com/google/uuid"
)

// FraudResult is the fraud step's outcome; Score is nil when the payment was not scored
// (money in, or no model trained yet).
type FraudResult struct {
	Score   *store.FraudScore `json:"score,omitempty"`
	Flagged bool              `json:"flagged"`
}

// FraudScorer scores payments with the newest stored model: the owner's own, or the global
// one until the owner has one. Models are cached and re-checked every TTL, so a new version
// is used shortly after it is stored, and never before.
type FraudScorer struct {
	Store *store.Store
	TTL   time.Duration

	mu    sync.Mutex
	cache map[uuid.UUID]*cachedModel
	byID  map[int64]*cachedModel
}

type cachedModel struct {
	meta    store.FraudModel
	forest  *fraud.Forest
	checked time.Time
}

// ErrNoModel means no fraud model has been trained yet.
var ErrNoModel = errors.New("no fraud model has been trained yet")

func (f *FraudScorer) model(ctx context.Context, userID uuid.UUID) (*cachedModel, error) {
	f.mu.Lock()
	c := f.cache[userID]
	f.mu.Unlock()
	if c != nil && time.Since(c.checked) < f.TTL {
		return c, nil
	}
	id, err := f.Store.LatestFraudModelID(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrNoModel
	}
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cache == nil {
		f.cache, f.byID = map[uuid.UUID]*cachedModel{}, map[int64]*cachedModel{}
	}
	if m := f.byID[id]; m != nil {
		// The same model serves many users (the global one): refresh this user's check time.
		f.cache[userID] = &cachedModel{meta: m.meta, forest: m.forest, checked: time.Now()}
		return f.cache[userID], nil
	}
	meta, err := f.Store.LatestFraudModel(ctx, userID)
	if err != nil {
		return nil, err
	}
	forest, err := fraud.UnmarshalForest(meta.Model)
	if err != nil {
		return nil, fmt.Errorf("fraud model %d: %w", meta.ID, err)
	}
	c = &cachedModel{meta: meta, forest: forest, checked: time.Now()}
	f.cache[userID], f.byID[meta.ID] = c, c
	return c, nil
}

// ScoreFraud scores a payment against the owner's history before it.
func (s *Service) ScoreFraud(ctx context.Context, sub Submission, m Merchant, category string) (FraudResult, error) {
	if s.Fraud == nil || sub.AmountMinor >= 0 {
		return FraudResult{}, nil
	}
	mod, err := s.Fraud.model(ctx, sub.UserID)
	if errors.Is(err, ErrNoModel) {
		return FraudResult{}, nil
	}
	if err != nil {
		return FraudResult{}, err
	}
	t := fraud.Txn{At: PaymentTime(sub), AmountMinor: sub.AmountMinor, Currency: sub.Currency, MerchantKey: m.Key, Category: category}
	h, err := s.Store.FraudHistory(ctx, sub.UserID, sub.IdempotencyKey, t.At, m.Key, category)
	if err != nil {
		return FraudResult{}, err
	}
	x := fraud.Extract(t, h)
	score := mod.forest.Score(x)
	flagged := score >= mod.meta.Threshold
	return FraudResult{
		Score: &store.FraudScore{Score: score, Reasons: fraud.Explain(x, mod.forest.Attribution(x), 3),
			ModelVersion: mod.meta.Version, Global: mod.meta.UserID == nil, Flagged: flagged},
		Flagged: flagged,
	}, nil
}

// PaymentTime is when a payment happened: its time of day when known, else noon.
func PaymentTime(sub Submission) time.Time {
	if sub.OccurredAt != nil {
		return *sub.OccurredAt
	}
	return sub.PostedAt.Add(12 * time.Hour)
}

// TrainOptions configure training.
type TrainOptions struct {
	Params fraud.ForestParams
	// Threshold is the score at and above which a payment is flagged.
	Threshold float64
	// MinHistory: a user with fewer payments is scored by the global model.
	MinHistory int
	// MaxRows bounds one model's training set (the most recent payments).
	MaxRows int
}

// TrainResult describes a stored model.
type TrainResult struct {
	UserID  *uuid.UUID `json:"user_id,omitempty"`
	Version int        `json:"version"`
	Rows    int        `json:"rows"`
}

// ErrNotEnoughHistory is returned when there is too little to train on.
var ErrNotEnoughHistory = errors.New("not enough payments to train on")

// TrainFraud fits and stores a new model: the user's own when userID is set, else the global
// model over every user's payments. Features come from fraud.Builder, the same Extract the
// pipeline uses.
func (s *Service) TrainFraud(ctx context.Context, userID *uuid.UUID, o TrainOptions) (TrainResult, error) {
	var X [][]float64
	if userID != nil {
		u, err := s.Store.User(ctx, *userID)
		if err != nil {
			return TrainResult{}, err
		}
		pays, err := s.Store.Payments(ctx, u.ID, o.MaxRows)
		if err != nil {
			return TrainResult{}, err
		}
		if len(pays) < o.MinHistory {
			return TrainResult{}, fmt.Errorf("%w: %d payments, %d needed", ErrNotEnoughHistory, len(pays), o.MinHistory)
		}
		X = fraud.Features(u.Currency, pays)
	} else {
		payers, err := s.Store.Payers(ctx)
		if err != nil {
			return TrainResult{}, err
		}
		for _, p := range payers {
			if len(X) >= o.MaxRows {
				break
			}
			pays, err := s.Store.Payments(ctx, p.UserID, o.MaxRows-len(X))
			if err != nil {
				return TrainResult{}, err
			}
			X = append(X, fraud.Features(p.Currency, pays)...)
		}
		if len(X) < 2 {
			return TrainResult{}, fmt.Errorf("%w: %d payments in all", ErrNotEnoughHistory, len(X))
		}
	}
	forest, err := fraud.FitForest(X, o.Params)
	if err != nil {
		return TrainResult{}, err
	}
	b, err := forest.MarshalBinary()
	if err != nil {
		return TrainResult{}, err
	}
	v, err := s.Store.SaveFraudModel(ctx, store.FraudModel{
		UserID: userID, Features: fraud.FeatureNames, Trees: o.Params.Trees, SampleSize: forest.SampleSize(),
		Seed: o.Params.Seed, TrainedRows: len(X), Threshold: o.Threshold, Model: b,
	})
	return TrainResult{UserID: userID, Version: v, Rows: len(X)}, err
}
