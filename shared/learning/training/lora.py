"""The LoRA fine-tuning config written beside each export, so an open-weights student can
be trained on the same file (PEFT's LoraConfig fields plus the trainer's)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.learning.training.formats import Format


class LoraConfig(BaseModel):
    base_model: str = "Qwen/Qwen2.5-7B-Instruct"
    dataset_path: str
    dataset_format: Format
    r: int = Field(default=16, ge=1, le=256)
    lora_alpha: int = Field(default=32, ge=1)
    lora_dropout: float = Field(default=0.05, ge=0.0, lt=1.0)
    target_modules: list[str] = Field(
        default_factory=lambda: [
            "q_proj",
            "k_proj",
            "v_proj",
            "o_proj",
            "gate_proj",
            "up_proj",
            "down_proj",
        ]
    )
    bias: str = "none"
    task_type: str = "CAUSAL_LM"
    num_epochs: int = Field(default=3, ge=1, le=20)
    learning_rate: float = Field(default=2e-4, gt=0.0, lt=1.0)
    max_seq_length: int = Field(default=4096, ge=256)
    train_on: str = Field(default="assistant", description="Loss only on the replies taught")
    examples: int = Field(ge=0)


def config_for(dataset_path: str, fmt: Format, examples: int) -> LoraConfig:
    return LoraConfig(dataset_path=dataset_path, dataset_format=fmt, examples=examples)
